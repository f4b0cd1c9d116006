import { AuthenticationError, ErrorCode, redact } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { parsePat } from './parse-pat.js'

const TOKEN = 'dvp_0123456789abcdefABCDEF0123456789'
/** The hint for each refusal, by the first word of what the message says. */
const HINTS = {
  is: 'pass a personal access token, on its own',
  more: 'pass the token alone, on one line',
  contains: 'copy the token again from where it was created',
  longer: 'pass the token itself, not a file',
}

describe('parsePat', () => {
  it.each([
    [TOKEN, TOKEN],
    [`  ${TOKEN}\n`, TOKEN],
    [`${TOKEN}\r\n`, TOKEN],
    [`\t${TOKEN} `, TOKEN],
    [`Bearer ${TOKEN}`, TOKEN],
    [`bearer   ${TOKEN}\n`, TOKEN],
    [`token ${TOKEN}`, TOKEN],
    [`TOKEN ${TOKEN}`, TOKEN],
    ['ghp_abc.def-ghi_jkl~mno+pqr/stu==', 'ghp_abc.def-ghi_jkl~mno+pqr/stu=='],
  ])('cleans %j', (input, expected) => {
    expect(parsePat(input, 'stdin')).toBe(expected)
  })

  it('registers the token as a secret at once', () => {
    const token = 'dvp_registeredRightAway0123456789'
    parsePat(`${token}\n`, 'stdin')
    expect(redact(`boom ${token}`)).toBe('boom ***')
  })

  it.each([
    ['', 'is empty'],
    ['   \n\t ', 'is empty'],
    ['Bearer ', 'is empty'],
    ['token \n', 'is empty'],
    [`${TOKEN}\n${TOKEN}`, 'more than one line'],
    [`${TOKEN}\rsecond`, 'more than one line'],
    [`first\n\nsecond`, 'more than one line'],
    [`dvp_abc def`, 'contains spaces'],
    ['dvp_\u0000abcdefgh', 'contains spaces or characters'],
    ['dvp_\u001b[31mred', 'contains spaces or characters'],
    ['dvp_ünïcödé_token', 'contains spaces or characters'],
    ['x'.repeat(8193), 'longer than 8192'],
  ])('refuses %j', (input, fragment) => {
    let error: unknown
    try {
      parsePat(input, '--with-token')
    } catch (e) {
      error = e
    }
    expect(AuthenticationError.isInstance(error)).toBe(true)
    const e = error as AuthenticationError
    expect(e.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(e.exitCode).toBe(4)
    expect(e.message).toContain('from --with-token')
    expect(e.message).toContain(fragment)
    expect(e.message).not.toContain('dvp_')
    expect(e.hint).toBe(HINTS[fragment.split(' ')[0] as keyof typeof HINTS])
  })

  it.each([undefined, null, 42, {}, ['a'], Buffer.from('dvp_x')])('refuses a non-string %#', (input) => {
    expect(() => parsePat(input as unknown as string, 'stdin')).toThrow(/the token from stdin is not text/)
  })

  it('names a default source when given garbage', () => {
    expect(() => parsePat('', undefined as unknown as string)).toThrow(/the token from the input is empty/)
  })
})
