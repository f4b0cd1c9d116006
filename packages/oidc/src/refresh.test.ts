import { ErrorCode, type Credential } from '@auth/core'
import { describe, expect, it } from 'vitest'
import type { TokenResponse } from './login-credential.js'
import { renewedCredential } from './refresh.js'

const renewed = (old: Credential, tokens: TokenResponse, now: number, hint: string) => renewedCredential(old, tokens, { now, kind: 'device', hint })

const OLD: Credential = {
  accessToken: 'old-access-token-0123',
  tokenType: 'Bearer',
  expiresAt: 1000,
  refreshToken: 'old-refresh-token-0123',
  idToken: 'old.id.token-0123',
  scopes: ['openid', 'offline_access'],
  account: { login: 'alice', name: 'Alice', id: 'alice' },
  tenant: 'acme',
  issuer: 'https://auth.example.com',
  clientId: 'my-cli',
  flow: 'device',
  obtainedAt: 0,
  source: 'keychain',
}

function response(fields: Record<string, unknown>, claims?: Record<string, unknown>): TokenResponse {
  return { access_token: 'new-access-token-0123', token_type: 'bearer', ...fields, claims: () => claims } as unknown as TokenResponse
}

describe('renewedCredential', () => {
  it('takes the rotated refresh token and the new expiry, keeps the rest, drops source', () => {
    const c = renewed(OLD, response({ refresh_token: 'new-refresh-token-0123', expires_in: 60 }), 10_000, 'x')
    expect(c).toEqual({ ...OLD, source: undefined, accessToken: 'new-access-token-0123', refreshToken: 'new-refresh-token-0123', expiresAt: 70_000, obtainedAt: 10_000 })
    expect(c).not.toHaveProperty('source')
  })

  it('keeps the old refresh and ID tokens when the server sends none; drops a stale expiry', () => {
    const c = renewed(OLD, response({}), 5, 'x')
    expect(c.refreshToken).toBe(OLD.refreshToken)
    expect(c.idToken).toBe(OLD.idToken)
    expect(c).not.toHaveProperty('expiresAt')
  })

  it('takes new scopes and a new ID token; fills the account only where empty', () => {
    const c = renewed({ ...OLD, account: { login: 'alice', id: 'alice' } }, response({ scope: 'openid', id_token: 'new.id.token-0123' }, { sub: 'alice', email: 'a@x.test' }), 5, 'x')
    expect(c.scopes).toEqual(['openid'])
    expect(c.idToken).toBe('new.id.token-0123')
    expect(c.account).toEqual({ login: 'alice', id: 'alice', email: 'a@x.test' })
  })

  it('refuses an ID token for another subject, with the hint', () => {
    expect(() => renewed(OLD, response({ id_token: 'x.y.z-0123' }, { sub: 'mallory' }), 5, 'log in again')).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_RESPONSE, hint: 'log in again', message: 'refresh failed: the new ID token names another user than the credential' }),
    )
  })
})
