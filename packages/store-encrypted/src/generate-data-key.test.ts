import { describe, expect, it } from 'vitest'
import { generateDataKey } from './generate-data-key.js'

describe('generateDataKey', () => {
  it('makes 32 random bytes as a plain Uint8Array', () => {
    const a = generateDataKey()
    const b = generateDataKey()
    expect(a).toHaveLength(32)
    expect(a.constructor).toBe(Uint8Array)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    expect(new Set(a).size).toBeGreaterThan(8)
  })
})
