import { ErrorCode, NetworkError, redact } from '@auth/core'
import type { TokenEndpointResponse } from 'openid-client'
import { describe, expect, it } from 'vitest'
import { toCredential } from './_to-credential.js'

const context = { clientId: 'ci-bot', issuer: 'https://login.example.com', requestedScopes: ['api:read'], now: 1_000_000 }
const response = (fields: Record<string, unknown>) => ({ token_type: 'bearer', ...fields }) as unknown as TokenEndpointResponse

describe('toCredential', () => {
  it('keeps the token, its expiry, the granted scopes and the client, nothing else', () => {
    const credential = toCredential(response({ access_token: 'at-0123456789abcdef', expires_in: 3600, scope: 'api:read api:write', refresh_token: 'rt-should-not-be-kept' }), context)
    expect(credential).toEqual({
      accessToken: 'at-0123456789abcdef',
      tokenType: 'Bearer',
      scopes: ['api:read', 'api:write'],
      account: { login: 'ci-bot', id: 'ci-bot' },
      flow: 'client-credentials',
      issuer: 'https://login.example.com',
      clientId: 'ci-bot',
      obtainedAt: 1_000_000,
      expiresAt: 1_000_000 + 3_600_000,
    })
    expect(redact('at-0123456789abcdef')).toBe('***')
  })

  it('falls back to the requested scopes, and has no expiry without expires_in', () => {
    const credential = toCredential(response({ access_token: 'at-0123456789abcdef' }), context)
    expect(credential.scopes).toEqual(['api:read'])
    expect(credential.expiresAt).toBeUndefined()
    expect(toCredential(response({ access_token: 'at-0123456789abcdef', scope: '' }), context).scopes).toEqual([])
  })

  it.each([
    [{ access_token: '' }, '"access_token" is not a printable token'],
    [{ access_token: 'has space' }, '"access_token"'],
    [{ access_token: 42 }, '"access_token"'],
    [{ access_token: 'ok-token-123', expires_in: -1 }, '"expires_in"'],
    [{ access_token: 'ok-token-123', expires_in: '3600' }, '"expires_in"'],
    [{ access_token: 'ok-token-123', expires_in: Number.POSITIVE_INFINITY }, '"expires_in"'],
    [{ access_token: 'ok-token-123', scope: ['a'] }, '"scope" is not a string'],
  ])('refuses %j with BAD_RESPONSE', (fields, fragment) => {
    let error: unknown
    try {
      toCredential(response(fields), context)
    } catch (e) {
      error = e
    }
    expect(NetworkError.isInstance(error)).toBe(true)
    expect((error as NetworkError).code).toBe(ErrorCode.BAD_RESPONSE)
    expect((error as NetworkError).exitCode).toBe(5)
    expect((error as Error).message).toContain(fragment)
  })

  it('caps an absurd expires_in at a year instead of storing an invalid date (issue 11 defect #3)', () => {
    const credential = toCredential(response({ access_token: 'ok-token-123', expires_in: 8.64e12 }), context)
    expect(credential.expiresAt).toBe(context.now + 365 * 24 * 3600 * 1000)
    expect(() => new Date(credential.expiresAt as number).toISOString()).not.toThrow()
  })
})
