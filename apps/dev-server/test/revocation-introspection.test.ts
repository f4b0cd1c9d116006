import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startDevServer, type DevServer } from '../src/index.js'
import { callApi, codeFlow, discover, discoverNative } from './_helpers.js'

let server: DevServer
let native: client.Configuration
let confidential: client.Configuration
beforeAll(async () => {
  server = await startDevServer({ port: 0 })
  native = await discoverNative(server)
  const { clientId, clientSecret } = server.clients.confidential
  confidential = await discover(server, clientId, client.ClientSecretBasic(clientSecret))
})
afterAll(() => server.close())

describe('introspection', () => {
  test('a confidential client sees an active user token with its subject and scopes', async () => {
    const tokens = await codeFlow(server, native, 'openid profile api:read')
    const info = await client.tokenIntrospection(confidential, tokens.access_token)
    expect(info).toMatchObject({ active: true, sub: 'alice', client_id: 'authcli', token_type: 'Bearer' })
    expect(info.scope?.split(' ').sort()).toEqual(['api:read', 'openid', 'profile'])
  })

  test('the public client may introspect its own token', async () => {
    const tokens = await codeFlow(server, native)
    expect((await client.tokenIntrospection(native, tokens.access_token)).active).toBe(true)
  })

  test('an unknown token is inactive', async () => {
    expect(await client.tokenIntrospection(confidential, 'not-a-token')).toEqual({ active: false })
  })
})

describe('revocation (RFC 7009)', () => {
  test('revoking the refresh token ends the grant: the access token stops working too', async () => {
    const tokens = await codeFlow(server, native)
    await client.tokenRevocation(native, tokens.refresh_token!)
    const error = await client.refreshTokenGrant(native, tokens.refresh_token!).catch((e: unknown) => e)
    expect((error as client.ResponseBodyError).error).toBe('invalid_grant')
    expect((await client.tokenIntrospection(confidential, tokens.access_token)).active).toBe(false)
    expect((await callApi(server, '/api/v1/profile', tokens.access_token)).status).toBe(401)
  })

  test('revoking an access token ends its refresh token too (oidc-provider revokes by grant)', async () => {
    const tokens = await codeFlow(server, native)
    await client.tokenRevocation(native, tokens.access_token)
    expect((await client.tokenIntrospection(confidential, tokens.access_token)).active).toBe(false)
    const error = await client.refreshTokenGrant(native, tokens.refresh_token!).catch((e: unknown) => e)
    expect((error as client.ResponseBodyError).error).toBe('invalid_grant')
  })

  test('an unknown token is a 200 no-op', async () => {
    await expect(client.tokenRevocation(native, 'not-a-token')).resolves.toBeUndefined()
  })

  test("a client cannot revoke another client's token", async () => {
    const tokens = await codeFlow(server, native)
    await client.tokenRevocation(confidential, tokens.access_token)
    expect((await client.tokenIntrospection(confidential, tokens.access_token)).active).toBe(true)
  })
})
