import { describe, expect, it } from 'vitest'
import { makeCredential } from '@auth/testing'
import { assertCredential } from './assert-credential.js'
import { ConfigError, StorageError } from '../errors/classes.js'
import { isExpired } from './freshness.js'

describe('isExpired', () => {
  const now = () => 1_000_000

  it('never expires a credential without expiresAt', () => {
    expect(isExpired(makeCredential(), { now })).toBe(false)
  })

  it('uses a 60 s skew by default', () => {
    expect(isExpired(makeCredential({ expiresAt: 1_060_001 }), { now })).toBe(false)
    expect(isExpired(makeCredential({ expiresAt: 1_060_000 }), { now })).toBe(true)
    expect(isExpired(makeCredential({ expiresAt: 1_000_000 }), { now })).toBe(true)
  })

  it('honours skewMs', () => {
    expect(isExpired(makeCredential({ expiresAt: 1_000_001 }), { now, skewMs: 0 })).toBe(false)
    expect(isExpired(makeCredential({ expiresAt: 1_000_000 }), { now, skewMs: 0 })).toBe(true)
    expect(isExpired(makeCredential({ expiresAt: 1_010_000 }), { now, skewMs: 10_000 })).toBe(true)
  })

  it('uses Date.now by default', () => {
    expect(isExpired(makeCredential({ expiresAt: Date.now() + 3_600_000 }))).toBe(false)
    expect(isExpired(makeCredential({ expiresAt: Date.now() - 1 }))).toBe(true)
  })

  it('treats a garbage expiresAt as expired', () => {
    expect(isExpired(makeCredential({ expiresAt: Number.NaN }), { now })).toBe(true)
    expect(isExpired({ ...makeCredential(), expiresAt: '2030' } as never, { now })).toBe(true)
  })

  it('rejects bad options', () => {
    expect(() => isExpired(makeCredential(), { skewMs: -1 })).toThrow(ConfigError)
    expect(() => isExpired(makeCredential(), { skewMs: Number.NaN })).toThrow(ConfigError)
    expect(() => isExpired(makeCredential(), { now: 5 as never })).toThrow(/"now"/)
  })
})

describe('assertCredential', () => {
  it('returns a clean copy with the known fields only', () => {
    const input = { ...makeCredential({ refreshToken: 'r', expiresAt: 5, tenant: 't' }), extra: 'x', account: { login: 'a', other: 1 } }
    const out = assertCredential(input, 'keychain')
    expect(out).toEqual({ ...makeCredential({ refreshToken: 'r', expiresAt: 5, tenant: 't' }), account: { login: 'a' } })
    expect(out).not.toBe(input)
    expect(out.scopes).not.toBe(input.scopes)
  })

  it('treats null optional fields and a missing account as absent', () => {
    const out = assertCredential({ ...makeCredential(), refreshToken: null, expiresAt: null, account: null }, 'file')
    expect(out).toEqual({ ...makeCredential(), account: {} })
    expect('refreshToken' in out).toBe(false)
  })

  it.each([
    [null, 'not an object'],
    ['token', 'not an object'],
    [[], 'not an object'],
    [{ ...makeCredential(), accessToken: '' }, 'accessToken'],
    [{ ...makeCredential(), accessToken: 'a\nb' }, 'accessToken'],
    [{ ...makeCredential(), accessToken: 5 }, 'accessToken'],
    [{ ...makeCredential(), tokenType: undefined }, 'tokenType'],
    [{ ...makeCredential(), scopes: 'openid' }, 'scopes'],
    [{ ...makeCredential(), scopes: [1] }, 'scopes'],
    [{ ...makeCredential(), flow: '' }, 'flow'],
    [{ ...makeCredential(), obtainedAt: '1' }, 'obtainedAt'],
    [{ ...makeCredential(), obtainedAt: Infinity }, 'obtainedAt'],
    [{ ...makeCredential(), expiresAt: '2030-01-01' }, 'expiresAt'],
    [{ ...makeCredential(), expiresAt: -1 }, 'expiresAt'],
    [{ ...makeCredential(), refreshToken: 5 }, 'refreshToken'],
    [{ ...makeCredential(), refreshToken: '' }, 'refreshToken'],
    [{ ...makeCredential(), idToken: {} }, 'idToken'],
    [{ ...makeCredential(), tenant: 1 }, 'tenant'],
    [{ ...makeCredential(), issuer: [] }, 'issuer'],
    [{ ...makeCredential(), clientId: true }, 'clientId'],
    [{ ...makeCredential(), account: 'alice' }, 'account'],
    [{ ...makeCredential(), account: { login: 1 } }, 'account.login'],
  ])('rejects garbage %#', (value, field) => {
    let error: unknown
    try {
      assertCredential(value, 'file /tmp/creds')
    } catch (e) {
      error = e
    }
    expect(StorageError.isInstance(error)).toBe(true)
    const e = error as StorageError
    expect(e.code).toBe('STORAGE_ERROR')
    expect(e.exitCode).toBe(6)
    expect(e.message).toContain('file /tmp/creds')
    expect(e.message).toContain(field)
  })

  it('never echoes values', () => {
    expect(() => assertCredential({ ...makeCredential(), accessToken: 'SECRET\nVALUE' }, 'keychain')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('SECRET') }))
  })
})
