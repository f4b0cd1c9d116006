import { describe, expect, it } from 'vitest'
import { renderWaitingLine } from './render-waiting-line.js'

describe('renderWaitingLine', () => {
  it('shows a spinner frame and the time left as m:ss or h:mm:ss', () => {
    expect(renderWaitingLine(582_000, 0)).toBe('⠋ Waiting for the code to be approved... 9:42 left')
    expect(renderWaitingLine(5_000, 1)).toBe('⠙ Waiting for the code to be approved... 0:05 left')
    expect(renderWaitingLine(3_723_000, 2)).toContain('1:02:03 left')
    expect(renderWaitingLine(400, 0)).toContain('0:01 left')
  })

  it('wraps the frames and survives odd input', () => {
    expect(renderWaitingLine(0, 10)).toBe(renderWaitingLine(0, 0))
    expect(renderWaitingLine(-1, -3)).toMatch(/^\S Waiting .* 0:00 left$/)
    expect(renderWaitingLine(Number.NaN, Number.NaN)).toMatch(/^⠋ .* 0:00 left$/)
  })
})
