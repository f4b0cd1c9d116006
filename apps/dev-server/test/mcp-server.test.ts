// The dev server as an MCP authorization server in front of the SDK-built MCP server, over real HTTP.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startMcpServer, type McpServerOptions, type McpTestServer } from '../src/mcp/index.js'

const REDIRECT = 'http://127.0.0.1/callback'
const insecure = { execute: [client.allowInsecureRequests] }

/** Registers a native public client (RFC 7591) the way an MCP client does. */
async function register(mcp: McpTestServer): Promise<client.Configuration> {
  return client.dynamicClientRegistration(
    new URL(mcp.issuer),
    { application_type: 'native', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none', response_types: ['code'] },
    client.None(),
    insecure,
  )
}

/** The PKCE code flow with `resource`, the browser played by the dev server. */
async function login(mcp: McpTestServer, config: client.Configuration, scope = 'mcp:read offline_access', resource: string | null = mcp.url) {
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const params: Record<string, string> = { redirect_uri: REDIRECT, scope, state, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }
  if (resource !== null) params['resource'] = resource
  const callback = await mcp.authorizationServer.authorize(client.buildAuthorizationUrl(config, params).href)
  const extra: Record<string, string> = resource === null ? {} : { resource }
  return client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state }, extra)
}

async function connect(mcp: McpTestServer, token: string): Promise<Client> {
  const mcpClient = new Client({ name: 'test', version: '0.0.0' })
  await mcpClient.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }))
  return mcpClient
}

function post(mcp: McpTestServer, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`
  return fetch(mcp.url, { method: 'POST', headers, body: JSON.stringify(body) })
}

const started: McpTestServer[] = []
async function start(options: McpServerOptions = {}): Promise<McpTestServer> {
  const mcp = await startMcpServer(options)
  started.push(mcp)
  return mcp
}
afterAll(() => Promise.all(started.map((mcp) => mcp.close())))

describe('the MCP server behind bearer auth', () => {
  let mcp: McpTestServer
  let config: client.Configuration
  beforeAll(async () => {
    mcp = await start({ accessTokenTtl: 60, refreshedAccessTokenTtl: 3600 })
    config = await register(mcp)
  })

  test('no token: 401 naming the RFC 9728 metadata, which names the dev server', async () => {
    const response = await post(mcp, { jsonrpc: '2.0', id: 1, method: 'tools/list' })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe(`Bearer scope="mcp:read", resource_metadata="${mcp.resourceMetadataUrl}"`)
    expect(mcp.resourceMetadataUrl).toBe(`${new URL(mcp.url).origin}/.well-known/oauth-protected-resource/mcp`)
    const metadata = await (await fetch(mcp.resourceMetadataUrl)).json()
    expect(metadata).toMatchObject({ resource: mcp.url, authorization_servers: [mcp.issuer], scopes_supported: ['mcp:read', 'mcp:write'] })
  })

  test('a registered native client logs in with resource, gets a JWT for the MCP URL, and calls a tool', async () => {
    expect(config.clientMetadata().client_id).toMatch(/\S{10,}/)
    const tokens = await login(mcp, config)
    const [, payload] = tokens.access_token.split('.')
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString())
    expect(claims).toMatchObject({ aud: mcp.url, iss: mcp.issuer, sub: 'alice', scope: 'mcp:read', client_id: config.clientMetadata().client_id })
    expect(tokens.refresh_token).toBeTypeOf('string')
    const mcpClient = await connect(mcp, tokens.access_token)
    const tools = await mcpClient.listTools()
    expect(tools.tools.map((tool) => tool.name)).toEqual(['whoami', 'add-note'])
    const result = await mcpClient.callTool({ name: 'whoami', arguments: {} })
    expect(result.structuredContent).toMatchObject({ sub: 'alice', scopes: ['mcp:read'] })
    await mcpClient.close()
  })

  test('a client registered the way the SDK does (web, localhost) also gets a refresh token without prompt=consent', async () => {
    const web = await client.dynamicClientRegistration(
      new URL(mcp.issuer),
      { redirect_uris: ['http://localhost:3000/callback'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none', client_name: 'sdk-like' },
      client.None(),
      insecure,
    )
    const verifier = client.randomPKCECodeVerifier()
    const url = client.buildAuthorizationUrl(web, {
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'mcp:read',
      state: 's',
      resource: mcp.url,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })
    const callback = await mcp.authorizationServer.authorize(url.href)
    const tokens = await client.authorizationCodeGrant(web, new URL(callback), { pkceCodeVerifier: verifier, expectedState: 's' }, { resource: mcp.url })
    expect(web.clientMetadata()['application_type']).toBe('web')
    expect(tokens.refresh_token).toBeTypeOf('string')
  })

  test('a registered native client may use any port on its portless loopback redirect URI (RFC 8252 §7.3)', async () => {
    const verifier = client.randomPKCECodeVerifier()
    const redirect = 'http://127.0.0.1:54321/callback'
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirect,
      scope: 'mcp:read',
      state: 's',
      resource: mcp.url,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })
    const callback = new URL(await mcp.authorizationServer.authorize(url.href))
    expect(callback.origin + callback.pathname).toBe(redirect)
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' }, { resource: mcp.url })
    expect(tokens.access_token.split('.')).toHaveLength(3)
  })

  test('refresh with resource gives a new JWT for the same audience; refreshCount counts it', async () => {
    const tokens = await login(mcp, config)
    mcp.resetCounters()
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string, { resource: mcp.url })
    expect(mcp.refreshCount()).toBe(1)
    expect(refreshed.expires_in).toBe(3600)
    expect((await post(mcp, { jsonrpc: '2.0', id: 1, method: 'ping' }, refreshed.access_token)).status).toBe(200)
  })

  test('a token without resource is refused with invalid_token and the metadata URL', async () => {
    const tokens = await login(mcp, config, 'openid mcp:read', null)
    const response = await post(mcp, { jsonrpc: '2.0', id: 1, method: 'ping' }, tokens.access_token)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(response.headers.get('www-authenticate')).toContain(`resource_metadata="${mcp.resourceMetadataUrl}"`)
    expect(mcp.counters()['unauthorized']).toBeGreaterThan(0)
  })

  test('a tool needing mcp:write gives 403 insufficient_scope with the union of scopes; mcp:write then works', async () => {
    const narrow = await login(mcp, config)
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'add-note', arguments: { text: 'hi' } } }
    const response = await post(mcp, call, narrow.access_token)
    expect(response.status).toBe(403)
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="mcp:read mcp:write"')
    const wide = await login(mcp, config, 'mcp:read mcp:write')
    const mcpClient = await connect(mcp, wide.access_token)
    expect(await mcpClient.callTool({ name: 'add-note', arguments: { text: 'hi' } })).toMatchObject({ content: [{ type: 'text', text: 'noted: hi' }] })
    await mcpClient.close()
  })

  test('an expired token: 401 invalid_token "expired"', async () => {
    const short = await start({ accessTokenTtl: 1 })
    const tokens = await login(short, await register(short))
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const response = await post(short, { jsonrpc: '2.0', id: 1, method: 'ping' }, tokens.access_token)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('the access token expired')
  })

  test('client credentials with resource (client_secret_basic) reach the MCP server', async () => {
    const { confidential } = mcp.authorizationServer.clients
    const cc = await client.discovery(new URL(mcp.issuer), confidential.clientId, {}, client.ClientSecretBasic(confidential.clientSecret), insecure)
    const tokens = await client.clientCredentialsGrant(cc, { scope: 'mcp:read', resource: mcp.url })
    const mcpClient = await connect(mcp, tokens.access_token)
    expect((await mcpClient.callTool({ name: 'whoami', arguments: {} })).structuredContent).toMatchObject({ clientId: confidential.clientId, scopes: ['mcp:read'] })
    await mcpClient.close()
  })

  test('an unknown resource is invalid_target', async () => {
    const { confidential } = mcp.authorizationServer.clients
    const cc = await client.discovery(new URL(mcp.issuer), confidential.clientId, {}, client.ClientSecretBasic(confidential.clientSecret), insecure)
    await expect(client.clientCredentialsGrant(cc, { scope: 'mcp:read', resource: 'https://elsewhere.example/mcp' })).rejects.toMatchObject({ error: 'invalid_target' })
  })
})

describe('hostile modes', () => {
  test('resource-mismatch: the metadata names another resource', async () => {
    const mcp = await start({ hostile: 'resource-mismatch' })
    expect(((await (await fetch(mcp.resourceMetadataUrl)).json()) as { resource: string }).resource).toBe('https://attacker.example/mcp')
  })

  test.each([
    ['authorization-endpoint-scheme', 'file:///etc/passwd'],
    ['authorization-endpoint-shell', 'http://127.0.0.1:9/authorize?x=$(touch$IFS/tmp/pwned)&y=`id`;calc|sh'],
  ] as const)('%s: discovery hands out a hostile authorization_endpoint', async (hostile, endpoint) => {
    const mcp = await start({ hostile })
    const metadata = (await (await fetch(`${mcp.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string }
    expect(metadata.authorization_endpoint).toBe(endpoint)
  })

  test.each([
    ['wrong-iss', (url: URL) => expect(url.searchParams.get('iss')).toBe('https://attacker.example')],
    ['no-iss', (url: URL) => expect(url.searchParams.has('iss')).toBe(false)],
    ['wrong-state', (url: URL) => expect(url.searchParams.get('state')).toBe('s1-tampered')],
  ] as const)('%s: the authorization response is tampered with, the code still redeemable', async (hostile, check) => {
    const mcp = await start({ hostile })
    const config = await register(mcp)
    const verifier = client.randomPKCECodeVerifier()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'mcp:read',
      state: 's1',
      resource: mcp.url,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })
    const callback = new URL(await mcp.authorizationServer.authorize(url.href))
    check(callback)
    expect(callback.searchParams.get('code')).toMatch(/\S{20,}/)
  })

  test('metadataLocation root and no resource_metadata in the challenge (discovery fallbacks)', async () => {
    const mcp = await start({ metadataLocation: 'root', challengeMetadata: false })
    expect(mcp.resourceMetadataUrl).toBe(`${new URL(mcp.url).origin}/.well-known/oauth-protected-resource`)
    expect((await fetch(`${new URL(mcp.url).origin}/.well-known/oauth-protected-resource/mcp`)).status).toBe(404)
    expect((await fetch(mcp.resourceMetadataUrl)).status).toBe(200)
    const response = await post(mcp, { jsonrpc: '2.0', id: 1, method: 'ping' })
    expect(response.headers.get('www-authenticate')).toBe('Bearer scope="mcp:read"')
  })
})
