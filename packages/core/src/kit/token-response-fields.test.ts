import { describe, expect, it } from 'vitest'
import { redact } from '../redact/redact.js'
import { MAX_EXPIRES_IN_S, expiresAtFrom, tokenResponseFields } from './token-response-fields.js'

const now = 1_700_000_000_000

describe('expiresAtFrom', () => {
  it('turns seconds into epoch ms', () => {
    expect(expiresAtFrom(3600, now)).toBe(now + 3_600_000)
    expect(expiresAtFrom(0, now)).toBe(now)
    expect(expiresAtFrom(1.5, now)).toBe(now + 1500)
  })
  it('caps absurd lifetimes at a year, so every date stays valid (issue 11 defect #3)', () => {
    for (const absurd of [1e300, 8.64e12, Number.MAX_VALUE]) {
      const at = expiresAtFrom(absurd, now) as number
      expect(at).toBe(now + MAX_EXPIRES_IN_S * 1000)
      expect(new Date(at).toISOString()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
  })
  it('says unknown for what is not a finite number of seconds >= 0', () => {
    for (const bad of [undefined, null, '3600', -1, Number.NaN, Number.POSITIVE_INFINITY, {}]) expect(expiresAtFrom(bad, now)).toBeUndefined()
    expect(expiresAtFrom(60, Number.NaN)).toBeUndefined()
  })
})

describe('tokenResponseFields', () => {
  it('checks and maps a full response, registering every token as a secret', () => {
    const fields = tokenResponseFields(
      {
        access_token: 'at-0123456789abcdef',
        token_type: 'bearer',
        expires_in: 60,
        refresh_token: 'rt-0123456789abcdef',
        id_token: 'a.b.c-0123456789',
        scope: 'openid  profile openid',
      },
      { now },
    )
    expect(fields).toEqual({
      accessToken: 'at-0123456789abcdef',
      tokenType: 'Bearer',
      expiresAt: now + 60_000,
      refreshToken: 'rt-0123456789abcdef',
      idToken: 'a.b.c-0123456789',
      scopes: ['openid', 'profile'],
    })
    expect(redact('x rt-0123456789abcdef y')).not.toContain('rt-0123456789abcdef')
  })
  it('normalises the token type', () => {
    expect(tokenResponseFields({ access_token: 't', token_type: 'DPoP' }, { now }).tokenType).toBe('DPoP')
    expect(tokenResponseFields({ access_token: 't' }, { now }).tokenType).toBe('Bearer')
    expect(tokenResponseFields({ access_token: 't', token_type: 'mac' }, { now }).tokenType).toBe('mac')
  })
  it('caps an absurd expires_in instead of crashing later', () => {
    expect(tokenResponseFields({ access_token: 't', expires_in: 1e300 }, { now }).expiresAt).toBe(now + MAX_EXPIRES_IN_S * 1000)
  })
  it('refuses malformed fields with BAD_RESPONSE, naming the field and never the value', () => {
    const ctx = { now, operation: 'token request', where: 'https://as.test' }
    expect(() => tokenResponseFields({ access_token: 'a b' }, ctx)).toThrow('token request failed: unexpected response from https://as.test: "access_token" is not a printable token')
    expect(() => tokenResponseFields({ access_token: 't', refresh_token: 5 }, ctx)).toThrow('"refresh_token"')
    expect(() => tokenResponseFields({ access_token: 't', expires_in: '60' }, ctx)).toThrow('"expires_in" is not a number of seconds')
    expect(() => tokenResponseFields({ access_token: 't', scope: 'a "b"' }, ctx)).toThrow('"scope" holds a character')
    try {
      tokenResponseFields({ access_token: 'secret value' }, ctx)
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 5 })
      expect((e as Error).message).not.toContain('secret value')
    }
  })
})
