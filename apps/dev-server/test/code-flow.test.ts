import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startDevServer, type DevServer } from '../src/index.js'
import { codeFlow, discoverNative } from './_helpers.js'

let server: DevServer
let config: client.Configuration
beforeAll(async () => {
  server = await startDevServer({ port: 0, accessTokenTtl: 60, refreshedAccessTokenTtl: 7200 })
  config = await discoverNative(server)
})
afterAll(() => server.close())

function authorizationUrl(params: Record<string, string>): string {
  return client.buildAuthorizationUrl(config, { redirect_uri: 'http://127.0.0.1:8765/callback', scope: 'openid', ...params }).href
}

describe('authorization code + PKCE', () => {
  test('authorize() returns the redirect with code, state and iss, without calling it', async () => {
    const url = authorizationUrl({ state: 'st-1', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })
    const callback = new URL(await server.authorize(url))
    expect(callback.origin + callback.pathname).toBe('http://127.0.0.1:8765/callback')
    expect(callback.searchParams.get('state')).toBe('st-1')
    expect(callback.searchParams.get('iss')).toBe(server.issuer)
    expect(callback.searchParams.get('code')).toMatch(/^[\w-]{20,}$/)
  })

  test('tokens, a refresh token without prompt=consent, and the login as sub', async () => {
    const tokens = await codeFlow(server, config)
    expect(tokens.refresh_token).toBeTypeOf('string')
    expect(tokens.scope?.split(' ')).not.toContain('offline_access') // oidc-provider drops it without prompt=consent
    expect(tokens.expires_in).toBe(60)
    expect(tokens.claims()?.sub).toBe('alice')
    expect(tokens.scope?.split(' ')).toContain('api:read')
  })

  test('the native client sees the sign-in page only, no consent page', async () => {
    server.resetCounters()
    await codeFlow(server, config)
    expect(server.counters()).toMatchObject({ interaction: 1, submit: 1 })
  })

  test('with prompt=consent the consent page is passed too, and offline_access is kept', async () => {
    server.resetCounters()
    const tokens = await codeFlow(server, config, 'openid offline_access', { prompt: 'consent' })
    expect(server.counters()).toMatchObject({ interaction: 2, submit: 2 })
    expect(tokens.refresh_token).toBeTypeOf('string')
    expect(tokens.scope?.split(' ')).toContain('offline_access')
  })

  test('any loopback port of a registered redirect URI is accepted (RFC 8252)', async () => {
    const url = authorizationUrl({ redirect_uri: 'http://127.0.0.1:51234/callback', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })
    expect(await server.authorize(url)).toMatch(/^http:\/\/127\.0\.0\.1:51234\/callback\?code=/)
  })

  test('PKCE is required for the public client', async () => {
    const callback = new URL(await server.authorize(authorizationUrl({})))
    expect(callback.searchParams.get('error')).toBe('invalid_request')
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/)
  })

  test('deny → access_denied at the redirect URI', async () => {
    const url = authorizationUrl({ code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })
    const callback = new URL(await server.authorize(url, { deny: true }))
    expect(callback.searchParams.get('error')).toBe('access_denied')
  })

  test('an unregistered redirect URI is an error page, not a redirect', async () => {
    const url = authorizationUrl({ redirect_uri: 'http://evil.test/callback', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })
    await expect(server.authorize(url)).rejects.toThrow(/redirect_uri/)
  })
})

describe('refresh tokens', () => {
  test('refresh gives the refreshed lifetime and rotates the refresh token', async () => {
    const first = await codeFlow(server, config)
    const second = await client.refreshTokenGrant(config, first.refresh_token!)
    expect(second.expires_in).toBe(7200)
    expect(second.refresh_token).toBeTypeOf('string')
    expect(second.refresh_token).not.toBe(first.refresh_token)
  })

  test('reusing a spent refresh token is invalid_grant and revokes the whole grant', async () => {
    const first = await codeFlow(server, config)
    const second = await client.refreshTokenGrant(config, first.refresh_token!)
    const reuse = await client.refreshTokenGrant(config, first.refresh_token!).catch((e: unknown) => e)
    expect(reuse).toBeInstanceOf(client.ResponseBodyError)
    expect((reuse as client.ResponseBodyError).error).toBe('invalid_grant')
    const afterRevoke = await client.refreshTokenGrant(config, second.refresh_token!).catch((e: unknown) => e)
    expect((afterRevoke as client.ResponseBodyError).error).toBe('invalid_grant')
  })

  test('revokeGrant() kills the access and refresh tokens of a login', async () => {
    const tokens = await codeFlow(server, config)
    expect(await server.revokeGrant(tokens.access_token)).toBe(true)
    const error = await client.refreshTokenGrant(config, tokens.refresh_token!).catch((e: unknown) => e)
    expect((error as client.ResponseBodyError).error).toBe('invalid_grant')
    expect(await server.revokeGrant('no-such-token')).toBe(false)
  })
})
