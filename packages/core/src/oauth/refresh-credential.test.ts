import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../errors/codes.js'
import { refreshCredential, renewedCredential, type TokenResponseLike } from './refresh-credential.js'
import type { Credential } from '../model/types.js'

type TokenResponse = TokenResponseLike
const renewed = (old: Credential, tokens: TokenResponse, now: number, hint: string) => renewedCredential(old, tokens, { now, flow: 'device', hint })

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

  it('refuses an ID token for another subject', () => {
    expect(() => renewed(OLD, response({ id_token: 'x.y.z-0123' }, { sub: 'mallory' }), 5, 'acme')).toThrow(expect.objectContaining({ code: ErrorCode.BAD_RESPONSE }))
  })
})

describe('refreshCredential', () => {
  const config = { serverMetadata: () => ({ issuer: 'https://auth.example.com' }), clientMetadata: () => ({ client_id: 'my-cli' }) }
  const base = (sent: URLSearchParams[]) => ({
    pkg: '@auth/flow-x',
    flow: 'x',
    runtime: { fetch: undefined, logger: undefined, signal: undefined, now: () => 10_000 },
    config: async () => config,
    grant: async (_: unknown, __: string, parameters: URLSearchParams) => {
      sent.push(parameters)
      return response({})
    },
    loginHint: (again: boolean, tail = '') => `log in${again ? ' again' : ''}${tail}`,
    sameServerHint: (issuer: string) => `log in to ${issuer}`,
    cancelled: (cause: unknown) => new Error('cancelled', { cause }),
  })

  it('narrows the scopes, adds the caller\u2019s parameters, keeps the requested scopes when the answer names none', async () => {
    const sent: URLSearchParams[] = []
    const c = await refreshCredential(OLD, { ...base(sent), options: { scopes: ['openid'] }, parameters: new URLSearchParams([['resource', 'https://api.example']]) })
    expect(sent[0]?.toString()).toBe('resource=https%3A%2F%2Fapi.example&scope=openid')
    expect(c.scopes).toEqual(['openid'])
  })

  it('refuses wider scopes and a credential without a refresh token before any request, naming the package', async () => {
    const sent: URLSearchParams[] = []
    await expect(refreshCredential(OLD, { ...base(sent), options: { scopes: ['email'] } })).rejects.toMatchObject({
      code: ErrorCode.CONFIG_ERROR,
      message: expect.stringMatching(/^@auth\/flow-x: refresh: .*a refresh can only narrow them/),
      hint: 'log in again with those scopes',
    })
    const { refreshToken: _, ...none } = OLD
    await expect(refreshCredential(none, base(sent))).rejects.toMatchObject({ code: ErrorCode.NOT_REFRESHABLE, hint: 'log in' })
    await expect(refreshCredential({ ...OLD, clientId: 'other' }, base(sent))).rejects.toMatchObject({ code: ErrorCode.LOGIN_REQUIRED, hint: 'log in to https://auth.example.com' })
    expect(sent).toEqual([])
  })
})
