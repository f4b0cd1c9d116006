// Cross-app access against real servers: the dev server plays the enterprise IdP (its own ID
// token for alice, from a PKCE login, exchanged for an ID-JAG) and the MCP server's
// authorization server (the JWT bearer grant), in front of the SDK-built MCP server.
import { tempDirs } from '@auth/testing'
import { startMcpServer, type McpTestServer } from '@auth/testing/mcp'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCrossAppAccessGrant } from '../src/machine/index.js'
import { claimsOf, grantContext } from './_machine-context.js'

const dirs = tempDirs()
let mcp: McpTestServer
let idToken: string
beforeAll(async () => {
  mcp = await startMcpServer({ crossAppAccess: true })
  idToken = await aliceIdToken(mcp)
})
afterAll(async () => {
  await mcp.close()
  await dirs.cleanup()
})

/** Alice signs in at the IdP with the native client (PKCE), which keeps her ID token. */
async function aliceIdToken(server: McpTestServer): Promise<string> {
  const native = server.authorizationServer.clients.native
  const config = await oidc.discovery(new URL(server.issuer), native.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] })
  const verifier = oidc.randomPKCECodeVerifier()
  const redirect = 'http://127.0.0.1:8765/callback'
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirect,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 's',
  })
  const tokens = await oidc.authorizationCodeGrant(config, new URL(await server.authorizationServer.authorize(url.href)), { pkceCodeVerifier: verifier, expectedState: 's' })
  return tokens.id_token as string
}

function grant(subjectToken = idToken, clientSecret = mcp.authorizationServer.clients.confidential.clientSecret) {
  return createCrossAppAccessGrant({
    idp: { issuer: mcp.issuer, clientId: mcp.authorizationServer.clients.native.clientId },
    subjectToken: async () => subjectToken,
    client: { clientId: 'authcli-confidential', clientSecret: { value: clientSecret, label: 'test' } },
  })
}

describe('cross-app access at the dev server', () => {
  test("alice's ID token becomes an MCP access token for her, bound to the MCP server", async () => {
    mcp.resetCounters()
    const credential = await grant().token(await grantContext(mcp, ['mcp:read', 'offline_access']))
    expect(credential).toMatchObject({ flow: 'cross_app_access', clientId: 'authcli-confidential', issuer: mcp.issuer, account: { login: 'alice' }, scopes: ['mcp:read'] })
    expect(claimsOf(credential.accessToken)).toMatchObject({ aud: mcp.url, sub: 'alice', client_id: 'authcli-confidential', scope: 'mcp:read' })
    const counters = mcp.authorizationServer.counters()
    expect(counters).toMatchObject({ 'urn:ietf:params:oauth:grant-type:token-exchange': 1, 'urn:ietf:params:oauth:grant-type:jwt-bearer': 1 })
    const client = new Client({ name: 'xaa-test', version: '0.0.0' })
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers: { authorization: `Bearer ${credential.accessToken}` } } }))
    expect((await client.callTool({ name: 'whoami', arguments: {} })).structuredContent).toMatchObject({ sub: 'alice', clientId: 'authcli-confidential' })
    await client.close()
  })

  test('with a separate enterprise IdP (another dev server the MCP authorization server trusts)', async () => {
    const { startDevServer } = await import('@auth/dev-server')
    const enterprise = await startDevServer({ crossAppAccess: true })
    const trusting = await startMcpServer({ crossAppAccess: { trustedIssuers: [enterprise.issuer] } })
    try {
      const idTokenAtIdp = await aliceIdToken({ issuer: enterprise.issuer, authorizationServer: enterprise } as unknown as McpTestServer)
      const separate = createCrossAppAccessGrant({
        idp: { issuer: enterprise.issuer, clientId: enterprise.clients.native.clientId },
        subjectToken: { value: idTokenAtIdp, label: 'test' },
        client: { clientId: 'authcli-confidential', clientSecret: { value: trusting.authorizationServer.clients.confidential.clientSecret, label: 'test' } },
      })
      const credential = await separate.token(await grantContext(trusting))
      expect(claimsOf(credential.accessToken)).toMatchObject({ aud: trusting.url, iss: trusting.issuer, sub: 'alice' })
      expect(enterprise.counters()).toMatchObject({ 'urn:ietf:params:oauth:grant-type:token-exchange': 1 })
      // the first MCP server does not trust that IdP: its authorization server refuses the ID-JAG
      const untrusted = createCrossAppAccessGrant({
        idp: { issuer: enterprise.issuer, clientId: enterprise.clients.native.clientId },
        subjectToken: { value: idTokenAtIdp, label: 'test' },
        client: { clientId: 'authcli-confidential', clientSecret: { value: mcp.authorizationServer.clients.confidential.clientSecret, label: 'test' } },
      })
      await expect(untrusted.token(await grantContext(mcp))).rejects.toMatchObject({ code: 'INVALID_GRANT' })
    } finally {
      await Promise.all([enterprise.close(), trusting.close()])
    }
  })

  test("the IdP's discovery document is fetched once per grant, not per token", async () => {
    const same = grant()
    const ctx = await grantContext(mcp)
    mcp.resetCounters()
    await same.token(ctx)
    await same.token(ctx)
    expect(mcp.authorizationServer.counters()).toMatchObject({ discovery: 1, 'urn:ietf:params:oauth:grant-type:token-exchange': 2, 'urn:ietf:params:oauth:grant-type:jwt-bearer': 2 })
  })

  test('a forged ID token: INVALID_GRANT from the IdP; a wrong client secret: INVALID_CLIENT from the authorization server', async () => {
    const [h, p] = idToken.split('.')
    const forged = `${h}.${p}.${'A'.repeat(342)}`
    const ctx = await grantContext(mcp)
    await expect(grant(forged).token(ctx)).rejects.toMatchObject({ code: 'INVALID_GRANT' })
    await expect(grant(idToken, 'wrong-secret-1234').token(ctx)).rejects.toMatchObject({ code: 'INVALID_CLIENT' })
  })
})
