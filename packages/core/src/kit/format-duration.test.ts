import { describe, expect, it } from 'vitest'
import { formatDuration } from './format-duration.js'

describe('formatDuration', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [1500, '2 seconds'],
    [59_000, '59 seconds'],
    [60_000, '1 minute'],
    [89_000, '1 minute'],
    [90_000, '2 minutes'],
    [600_000, '10 minutes'],
    [3_600_000, '1 hour'],
    [5_400_000, '1 hour 30 minutes'],
    [7_260_000, '2 hours 1 minute'],
    [-5, '0 seconds'],
    [Number.NaN, '0 seconds'],
    [Number.POSITIVE_INFINITY, '0 seconds'],
  ])('%s ms is "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
