import { describe, expect, it } from 'vitest'
import { AuthError } from './auth-error.js'
import { AuthenticationError, CancelledError, ConfigError, NetworkError, NotFoundError, OAuthError, StorageError, TimeoutError } from './classes.js'

describe('AuthError and subclasses', () => {
  it('masks secrets in messages and hints, on one line', () => {
    const e = new AuthError('failed\nAuthorization: Bearer abc\n  code=xyz', { hint: 'try\npassword=hunter2' })
    expect(e.message).toBe('failed Authorization: Bearer *** code=***')
    expect(e.hint).toBe('try password=***')
    expect(e.toJSON()).toEqual({ code: 'INTERNAL_ERROR', message: e.message, hint: e.hint })
  })

  it.each([
    [NotFoundError, 'NOT_FOUND', 4],
    [AuthenticationError, 'LOGIN_REQUIRED', 4],
    [NetworkError, 'NETWORK_ERROR', 5],
    [StorageError, 'STORAGE_ERROR', 6],
    [TimeoutError, 'LOGIN_TIMEOUT', 4],
    [CancelledError, 'CANCELLED', 130],
    [ConfigError, 'CONFIG_ERROR', 2],
  ] as const)('%o has its default code and exit code, and is an AuthError', (Class, code, exitCode) => {
    const e = new Class('m')
    expect([e.code, e.exitCode]).toEqual([code, exitCode])
    expect(AuthError.isInstance(e)).toBe(true)
    expect(Class.isInstance(e)).toBe(true)
    expect(e.name).toBe(Class.kind)
  })

  it('keeps OAuth fields and does not confuse sibling classes', () => {
    const e = new OAuthError('x', { error: 'invalid_grant', errorDescription: 'd', status: 400 })
    expect([e.error, e.errorDescription, e.status, e.exitCode]).toEqual(['invalid_grant', 'd', 400, 4])
    expect(NetworkError.isInstance(e)).toBe(false)
    expect(AuthError.isInstance('x')).toBe(false)
    expect(AuthError.isInstance(null)).toBe(false)
  })
})
