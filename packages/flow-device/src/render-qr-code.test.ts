import { describe, expect, it } from 'vitest'
import { renderQrCode } from './render-qr-code.js'

describe('renderQrCode', () => {
  it('draws a square of half blocks, two modules per character row', () => {
    const lines = renderQrCode('https://example.com/device?user_code=WDJB-MJHT').split('\n')
    const width = lines[0]?.length ?? 0
    expect(width).toBeGreaterThanOrEqual(23) // version 2 (25 modules) at least, plus the border
    for (const line of lines) {
      expect(line).toHaveLength(width)
      expect(line).toMatch(/^[ ▀▄█]+$/)
    }
    expect(lines.length).toBe(Math.ceil(width / 2))
  })

  it('grows with the data, and refuses non-strings', () => {
    expect(renderQrCode('x'.repeat(200)).length).toBeGreaterThan(renderQrCode('x').length)
    expect(() => renderQrCode(42 as unknown as string)).toThrow(TypeError)
  })
})
