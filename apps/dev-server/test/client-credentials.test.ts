import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startDevServer, type DevServer } from '../src/index.js'
import { callApi, discover } from './_helpers.js'

let server: DevServer
beforeAll(async () => {
  server = await startDevServer({ port: 0 })
})
afterAll(() => server.close())

describe('discovery', () => {
  test('advertises the endpoints and scopes the toolkit uses', async () => {
    const config = await discover(server, server.clients.native.clientId)
    const meta = config.serverMetadata()
    expect(meta.issuer).toBe(server.issuer)
    expect(meta.device_authorization_endpoint).toBe(`${server.issuer}/device/auth`)
    expect(meta.revocation_endpoint).toBe(`${server.issuer}/token/revocation`)
    expect(meta.introspection_endpoint).toBe(`${server.issuer}/token/introspection`)
    expect(meta.code_challenge_methods_supported).toEqual(['S256'])
    expect(meta.grant_types_supported).not.toContain('implicit')
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access', 'api:read', 'api:write']))
  })
})

describe('client credentials', () => {
  test('client_secret_basic gets a token with the requested API scopes', async () => {
    const { clientId, clientSecret } = server.clients.confidential
    const config = await discover(server, clientId, client.ClientSecretBasic(clientSecret))
    const tokens = await client.clientCredentialsGrant(config, { scope: 'api:read api:write' })
    expect(tokens.token_type).toBe('bearer')
    expect(tokens.scope).toBe('api:read api:write')
    expect(tokens.expires_in).toBe(3600)
    const profile = await (await callApi(server, '/api/v1/profile', tokens.access_token)).json()
    expect(profile).toMatchObject({ login: clientId, scopes: ['api:read', 'api:write'], tokenType: 'client_credentials' })
  })

  test('client_secret_post', async () => {
    const { clientId, clientSecret } = server.clients.post
    const config = await discover(server, clientId, client.ClientSecretPost(clientSecret))
    const tokens = await client.clientCredentialsGrant(config, { scope: 'api:read' })
    expect(tokens.scope).toBe('api:read')
  })

  test('private_key_jwt with the generated key', async () => {
    const { clientId, privateJwk, kid } = server.clients.jwt
    const key = await crypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
    const config = await discover(server, clientId, client.PrivateKeyJwt({ key, kid }))
    const tokens = await client.clientCredentialsGrant(config, { scope: 'api:write' })
    expect(tokens.scope).toBe('api:write')
  })

  test('the PEM form of the key is the same key', async () => {
    const { createPrivateKey } = await import('node:crypto')
    const fromPem = createPrivateKey(server.clients.jwt.privateKeyPem).export({ format: 'jwk' })
    expect(fromPem.d).toBe(server.clients.jwt.privateJwk.d)
  })

  test('a wrong secret is a 401 challenge (WWWAuthenticateChallengeError)', async () => {
    const config = await discover(server, server.clients.confidential.clientId, client.ClientSecretBasic('wrong-secret'))
    const error = await client.clientCredentialsGrant(config, { scope: 'api:read' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError)
    const challenge = error as client.WWWAuthenticateChallengeError
    expect(challenge.status).toBe(401)
    expect(challenge.cause[0]?.parameters.error).toBe('invalid_client')
  })

  test("a scope outside the client's list is invalid_scope", async () => {
    const { clientId, clientSecret } = server.clients.confidential
    const config = await discover(server, clientId, client.ClientSecretBasic(clientSecret))
    const error = await client.clientCredentialsGrant(config, { scope: 'openid' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(client.ResponseBodyError)
    expect((error as client.ResponseBodyError).error).toBe('invalid_scope')
  })
})
