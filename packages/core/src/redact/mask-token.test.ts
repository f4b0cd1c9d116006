import { describe, expect, it } from 'vitest'
import { maskToken } from './redact.js'

describe('maskToken', () => {
  it('shows the first 4 characters of a long token', () => {
    expect(maskToken('gho_16C7e42F292c6912E7710c838347Ae178B4a')).toBe('gho_****')
    expect(maskToken('123456789012')).toBe('1234****')
  })

  it('masks a short token fully, without giving its length', () => {
    expect(maskToken('12345678901')).toBe('****')
    expect(maskToken('a')).toBe('****')
    expect(maskToken('')).toBe('****')
  })

  it('masks garbage', () => {
    expect(maskToken(undefined as unknown as string)).toBe('****')
    expect(maskToken(1234567890123 as unknown as string)).toBe('****')
  })
})
