import { describe, expect, it } from 'vitest'
import { renderDevicePrompt } from './render-device-prompt.js'

describe('renderDevicePrompt', () => {
  it('shows the URL and the code on lines of their own, and the lifetime', () => {
    expect(renderDevicePrompt({ verification_uri: 'https://example.com/device', user_code: 'WDJB-MJHT', expires_in: 900 })).toEqual([
      'Open this page in a browser on any device:',
      '  https://example.com/device',
      'and enter the code:',
      '  WDJB-MJHT',
      'The code expires in 15 minutes.',
    ])
  })

  it('adds the link with the code filled in when there is one', () => {
    const lines = renderDevicePrompt({
      verification_uri: 'https://example.com/device',
      verification_uri_complete: 'https://example.com/device?user_code=WDJB-MJHT',
      user_code: 'WDJB-MJHT',
      expires_in: 30,
    })
    expect(lines).toContain('Or open https://example.com/device?user_code=WDJB-MJHT (the code is filled in).')
    expect(lines.at(-1)).toBe('The code expires in 30 seconds.')
  })

  it('does not repeat a complete URL that is the plain one', () => {
    const lines = renderDevicePrompt({ verification_uri: 'https://e.test/d', verification_uri_complete: 'https://e.test/d', user_code: 'X', expires_in: 60 })
    expect(lines.filter((l) => l.includes('https://e.test/d'))).toHaveLength(1)
  })

  it("says the login's own time limit when it is shorter than the code's lifetime, never the longer one", () => {
    const info = { verification_uri: 'https://e.test/d', user_code: 'X', expires_in: 600 }
    expect(renderDevicePrompt(info, { timeoutMs: 5000 }).at(-1)).toBe('This login gives up in 5 seconds (the code itself would last 10 minutes).')
    expect(renderDevicePrompt(info, { timeoutMs: 3_600_000 }).at(-1)).toBe('The code expires in 10 minutes.')
    expect(renderDevicePrompt(info, {}).at(-1)).toBe('The code expires in 10 minutes.')
  })
})
