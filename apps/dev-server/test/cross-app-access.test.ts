// The dev server's cross-app access grants, driven with openid-client: token exchange of its own
// ID token for an ID-JAG, then the JWT bearer grant; and what each refuses.
import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startMcpServer, type McpTestServer } from '../src/mcp/index.js'
import { codeFlow, discover } from './_helpers.js'

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag'

let mcp: McpTestServer
let idp: client.Configuration
let as: client.Configuration
let idToken: string
beforeAll(async () => {
  mcp = await startMcpServer({ crossAppAccess: true })
  const server = mcp.authorizationServer
  idp = await discover(server, server.clients.native.clientId)
  as = await discover(server, server.clients.confidential.clientId, client.ClientSecretPost(server.clients.confidential.clientSecret))
  idToken = (await codeFlow(server, idp, 'openid')).id_token as string
})
afterAll(() => mcp.close())

const exchange = (extra: Record<string, string> = {}) =>
  client.genericGrantRequest(idp, TOKEN_EXCHANGE, {
    subject_token: idToken,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    requested_token_type: ID_JAG,
    audience: mcp.issuer,
    resource: mcp.url,
    scope: 'mcp:read',
    ...extra,
  })

const claims = (jwt: string, part = 1) => JSON.parse(Buffer.from(jwt.split('.')[part] as string, 'base64url').toString()) as Record<string, unknown>

describe('cross-app access', () => {
  test('discovery lists both grants; the exchange gives an ID-JAG; the JWT bearer grant a JWT for the resource', async () => {
    const metadata = (await (await fetch(`${mcp.issuer}/.well-known/openid-configuration`)).json()) as { grant_types_supported: string[] }
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining([TOKEN_EXCHANGE, JWT_BEARER]))
    const jag = await exchange()
    expect(jag['issued_token_type']).toBe(ID_JAG)
    expect(claims(jag.access_token, 0)).toMatchObject({ typ: 'oauth-id-jag+jwt', alg: 'RS256' })
    expect(claims(jag.access_token)).toMatchObject({ iss: mcp.issuer, aud: mcp.issuer, sub: 'alice', client_id: 'authcli-confidential', resource: mcp.url })
    const tokens = await client.genericGrantRequest(as, JWT_BEARER, { assertion: jag.access_token, resource: mcp.url, scope: 'mcp:read' })
    expect(claims(tokens.access_token)).toMatchObject({ aud: mcp.url, sub: 'alice', scope: 'mcp:read' })
  })

  test('refusals: wrong token types, a foreign ID token, an ID-JAG for another client or resource', async () => {
    await expect(exchange({ requested_token_type: 'urn:ietf:params:oauth:token-type:access_token' })).rejects.toMatchObject({ error: 'invalid_request' })
    await expect(exchange({ subject_token: `${idToken.slice(0, -4)}AAAA` })).rejects.toMatchObject({ error: 'invalid_grant' })
    const jag = (await exchange()).access_token
    const post = await discover(mcp.authorizationServer, 'authcli-post', client.ClientSecretPost(mcp.authorizationServer.clients.post.clientSecret))
    await expect(client.genericGrantRequest(post, JWT_BEARER, { assertion: jag, resource: mcp.url })).rejects.toMatchObject({ error: 'invalid_grant' })
    await expect(client.genericGrantRequest(as, JWT_BEARER, { assertion: jag, resource: 'https://elsewhere.example/mcp' })).rejects.toMatchObject({ error: 'invalid_target' })
    await expect(client.genericGrantRequest(as, JWT_BEARER, { assertion: idToken, resource: mcp.url })).rejects.toMatchObject({ error: 'invalid_grant' })
  })
})

describe('cross-app access with a separate IdP', () => {
  test('an ID-JAG of a trusted IdP is accepted; of an untrusted one, invalid_grant', async () => {
    const { startDevServer } = await import('../src/index.js')
    const idpServer = await startDevServer({ crossAppAccess: true })
    const trusting = await startMcpServer({ crossAppAccess: { trustedIssuers: [idpServer.issuer] } })
    try {
      const idpClient = await discover(idpServer, idpServer.clients.native.clientId)
      const aliceAtIdp = (await codeFlow(idpServer, idpClient, 'openid')).id_token as string
      const jagFor = async (audience: string, resource: string) =>
        (
          await client.genericGrantRequest(idpClient, TOKEN_EXCHANGE, {
            subject_token: aliceAtIdp,
            subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
            requested_token_type: ID_JAG,
            audience,
            resource,
          })
        ).access_token
      const server = trusting.authorizationServer
      const asClient = await discover(server, server.clients.confidential.clientId, client.ClientSecretPost(server.clients.confidential.clientSecret))
      const tokens = await client.genericGrantRequest(asClient, JWT_BEARER, { assertion: await jagFor(trusting.issuer, trusting.url), resource: trusting.url, scope: 'mcp:read' })
      expect(claims(tokens.access_token)).toMatchObject({ aud: trusting.url, sub: 'alice', iss: trusting.issuer })
      // the first MCP server does not trust that IdP
      await expect(client.genericGrantRequest(as, JWT_BEARER, { assertion: await jagFor(mcp.issuer, mcp.url), resource: mcp.url })).rejects.toMatchObject({ error: 'invalid_grant' })
    } finally {
      await Promise.all([idpServer.close(), trusting.close()])
    }
  })
})
