import { ErrorCode, redact } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { checkDeviceCode } from './_device-code.js'

const GOOD = {
  device_code: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS',
  user_code: 'WDJB-MJHT',
  verification_uri: 'https://example.com/device',
  verification_uri_complete: 'https://example.com/device?user_code=WDJB-MJHT',
  expires_in: 1800,
  interval: 5,
}
const options = { allowInsecure: false, origin: 'https://example.com' }

function failure(value: unknown, opts = options) {
  try {
    checkDeviceCode(value, opts)
  } catch (error) {
    return error as { code: string; exitCode: number; message: string }
  }
  throw new Error('expected a failure')
}

describe('checkDeviceCode', () => {
  it('keeps what is shown apart from the secret device code, and registers the code as a secret', () => {
    const code = checkDeviceCode(GOOD, options)
    expect(code).toEqual({
      deviceCode: GOOD.device_code,
      info: { verification_uri: GOOD.verification_uri, verification_uri_complete: GOOD.verification_uri_complete, user_code: 'WDJB-MJHT', expires_in: 1800 },
      intervalMs: 5000,
    })
    expect(redact(`code ${GOOD.device_code}`)).toBe('code ***')
  })

  it('leaves out what the server left out', () => {
    const { verification_uri_complete: _, interval: __, ...minimal } = GOOD
    const code = checkDeviceCode(minimal, options)
    expect(code.info).not.toHaveProperty('verification_uri_complete')
    expect(code.intervalMs).toBeUndefined()
  })

  it('allows http verification URIs on loopback, or with allowInsecure', () => {
    const local = { ...GOOD, verification_uri: 'http://127.0.0.1:3000/device', verification_uri_complete: undefined }
    expect(checkDeviceCode(local, options).info.verification_uri).toBe('http://127.0.0.1:3000/device')
    const remote = { ...GOOD, verification_uri: 'http://auth.test/device' }
    expect(failure(remote).code).toBe(ErrorCode.BAD_RESPONSE)
    expect(checkDeviceCode(remote, { ...options, allowInsecure: true }).info.verification_uri).toBe('http://auth.test/device')
  })

  it('ignores an unusable interval', () => {
    for (const interval of [0, -5, '5', 1e6, Number.NaN, null]) {
      expect(checkDeviceCode({ ...GOOD, interval }, options).intervalMs).toBeUndefined()
    }
    expect(checkDeviceCode({ ...GOOD, interval: 0.05 }, options).intervalMs).toBe(50)
  })

  it.each([
    ['not an object', 'nope'],
    ['null', null],
    ['an array', [GOOD]],
    ['no device_code', { ...GOOD, device_code: undefined }],
    ['a device_code with spaces', { ...GOOD, device_code: 'a b' }],
    ['a device_code that is a number', { ...GOOD, device_code: 42 }],
    ['no user_code', { ...GOOD, user_code: undefined }],
    ['an empty user_code', { ...GOOD, user_code: '   ' }],
    ['a user_code with escape sequences', { ...GOOD, user_code: 'AB\u001b]0;pwned\u0007' }],
    ['a user_code with bidi overrides', { ...GOOD, user_code: 'AB\u202eCD' }],
    // Issue 11 #4: the marks and zero-width characters that looked like nothing on a terminal.
    ['a user_code with U+200F (right-to-left mark)', { ...GOOD, user_code: 'AB\u200fCD' }],
    ['a user_code with U+061C (Arabic letter mark)', { ...GOOD, user_code: 'AB\u061cCD' }],
    ['a user_code with U+200B (zero-width space)', { ...GOOD, user_code: 'AB\u200bCD' }],
    ['a huge user_code', { ...GOOD, user_code: 'A'.repeat(500) }],
    ['no verification_uri', { ...GOOD, verification_uri: undefined }],
    ['a relative verification_uri', { ...GOOD, verification_uri: '/device' }],
    ['a javascript: verification_uri', { ...GOOD, verification_uri: 'javascript:alert(1)' }],
    ['a verification_uri with credentials', { ...GOOD, verification_uri: 'https://u:p@example.com/device' }],
    ['a verification_uri with a newline', { ...GOOD, verification_uri: 'https://example.com/\ndevice' }],
    ['a file: verification_uri_complete', { ...GOOD, verification_uri_complete: 'file:///etc/passwd' }],
    ['a verification_uri_complete that is not a string', { ...GOOD, verification_uri_complete: 7 }],
    ['no expires_in', { ...GOOD, expires_in: undefined }],
    ['a zero expires_in', { ...GOOD, expires_in: 0 }],
    ['a string expires_in', { ...GOOD, expires_in: '1800' }],
    ['an infinite expires_in', { ...GOOD, expires_in: Number.POSITIVE_INFINITY }],
  ])('refuses %s: BAD_RESPONSE, exit 5, naming the field, never the value', (_name, value) => {
    const error = failure(value)
    expect(error).toMatchObject({ code: ErrorCode.BAD_RESPONSE, exitCode: 5 })
    expect(error.message).toMatch(/^device authorization failed: unexpected response from https:\/\/example\.com: "\w+" /)
    expect(error.message).not.toContain('pwned')
  })
})
