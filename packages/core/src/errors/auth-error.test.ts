import { describe, expect, it } from 'vitest'
import { AuthError, applyHint } from './auth-error.js'
import { HintKey } from './hint-keys.js'
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

describe('applyHint: a product words a tagged hint in its own flags', () => {
  const hints = {
    [HintKey.CALLBACK_PORT_BUSY]: 'try --port-range 9000-9010, --port N, or --device',
    [HintKey.BROWSER_LOGIN_TIMEOUT]: (error: AuthError) => `again, within ${error.message.length} characters`,
    [HintKey.PASTE_INPUT_MISSING]: () => undefined,
  }

  it('replaces the hint of a known key, keeping code, message and exit code', () => {
    const error = new NetworkError('no callback port available', { code: 'CALLBACK_PORT_BUSY', hint: 'the "portRange" option', hintKey: HintKey.CALLBACK_PORT_BUSY })
    expect(applyHint(error, hints)).toBe(error)
    expect(error.toJSON()).toEqual({ code: 'CALLBACK_PORT_BUSY', message: 'no callback port available', hint: 'try --port-range 9000-9010, --port N, or --device' })
    expect(error.exitCode).toBe(5)
  })

  it('calls a function entry with the error; undefined, a blank text, an unknown key or no key keep the package hint', () => {
    expect(applyHint(new TimeoutError('slow', { hint: 'x', hintKey: HintKey.BROWSER_LOGIN_TIMEOUT }), hints).hint).toBe('again, within 4 characters')
    expect(applyHint(new AuthError('a', { hint: 'pkg', hintKey: HintKey.PASTE_INPUT_MISSING }), hints).hint).toBe('pkg')
    expect(applyHint(new AuthError('a', { hint: 'pkg', hintKey: 'unknown-key' }), hints).hint).toBe('pkg')
    expect(applyHint(new AuthError('a', { hint: 'pkg', hintKey: 'toString' }), hints).hint).toBe('pkg')
    expect(applyHint(new AuthError('a', { hint: 'pkg' }), hints).hint).toBe('pkg')
    expect(applyHint(new AuthError('a', { hint: 'pkg', hintKey: HintKey.CALLBACK_PORT_BUSY }), undefined).hint).toBe('pkg')
    expect(applyHint(new AuthError('a', { hint: 'pkg', hintKey: 'k' }), { k: '  ' }).hint).toBe('pkg')
  })

  it('keeps a product hint on one line, secrets masked like every hint', () => {
    const error = applyHint(new AuthError('a', { hintKey: 'k' }), { k: 'line one\nline two' })
    expect(error.hint).toBe('line one line two')
  })
})

describe('AuthError: login', () => {
  it('carries how to log in, one line each, in toJSON after the hint', () => {
    const e = new AuthenticationError('not logged in', { hint: 'run `mycli login`', login: { command: 'mycli login', begin: 'mycli login --begin\n--json' } })
    expect(e.login).toEqual({ command: 'mycli login', begin: 'mycli login --begin --json' })
    expect(JSON.stringify(e.toJSON())).toBe('{"code":"LOGIN_REQUIRED","message":"not logged in","hint":"run `mycli login`","login":{"command":"mycli login","begin":"mycli login --begin --json"}}')
    expect(new AuthenticationError('x').toJSON()).toEqual({ code: 'LOGIN_REQUIRED', message: 'x' })
  })
})
