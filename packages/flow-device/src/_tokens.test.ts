import { ErrorCode, redact } from '@auth/core'
import type { TokenEndpointResponse } from 'openid-client'
import { describe, expect, it } from 'vitest'
import { tokenFields } from './_tokens.js'

const response = (fields: Record<string, unknown>) => ({ access_token: 'access-token-0123456789', token_type: 'bearer', ...fields }) as unknown as TokenEndpointResponse

describe('tokenFields', () => {
  it('turns a token response into credential fields and registers every token', () => {
    const fields = tokenFields(response({ refresh_token: 'refresh-token-0123456789', id_token: 'a.b.c-id-token', expires_in: 3600, scope: 'openid  profile' }), 1000, 'op')
    expect(fields).toEqual({
      accessToken: 'access-token-0123456789', tokenType: 'Bearer', refreshToken: 'refresh-token-0123456789',
      idToken: 'a.b.c-id-token', expiresAt: 3_601_000, scopes: ['openid', 'profile'],
    })
    expect(redact('access-token-0123456789 refresh-token-0123456789 a.b.c-id-token')).toBe('*** *** ***')
  })

  it('leaves out what the response leaves out', () => {
    expect(tokenFields(response({}), 0, 'op')).toEqual({ accessToken: 'access-token-0123456789', tokenType: 'Bearer' })
    expect(tokenFields(response({ token_type: 'dpop' }), 0, 'op').tokenType).toBe('DPoP')
    expect(tokenFields(response({ expires_in: -1 }), 0, 'op')).not.toHaveProperty('expiresAt')
  })

  it.each([
    ['an empty access token', { access_token: '' }],
    ['an access token with a newline', { access_token: 'abc\ndef' }],
    ['an access token with a space', { access_token: 'abc def' }],
    ['a non-ASCII access token', { access_token: 'tökén-0123456789' }],
    ['a numeric refresh token', { refresh_token: 12345678 }],
    ['an id token with control characters', { id_token: 'a.b.\u0007' }],
  ])('refuses %s: BAD_RESPONSE naming the field, not the value', (_name, fields) => {
    let caught: unknown
    try {
      tokenFields(response(fields), 0, 'token request')
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({ code: ErrorCode.BAD_RESPONSE, exitCode: 5 })
    expect((caught as Error).message).toMatch(/^token request failed: unexpected response: "\w+" is not a printable token$/)
  })
})
