// The machine grants against the dev server playing the MCP server's authorization server
// (RFC 8707 resource indicators: JWT access tokens bound to the MCP URL), then the MCP server
// built with the official SDK, over real HTTP.
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDirs } from '@auth/testing'
import { startMcpServer, type McpTestServer } from '@auth/testing/mcp'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { authFailure } from '@auth/testing/errors'
import { createClientCredentialsGrant } from '../src/machine/index.js'
import { claimsOf, grantContext } from './_machine-context.js'

const dirs = tempDirs()
let mcp: McpTestServer
beforeAll(async () => {
  mcp = await startMcpServer({ accessTokenTtl: 300 })
})
afterAll(async () => {
  await mcp.close()
  await dirs.cleanup()
})

async function whoami(token: string): Promise<Record<string, unknown>> {
  const client = new Client({ name: 'machine-test', version: '0.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }))
  const result = await client.callTool({ name: 'whoami', arguments: {} })
  await client.close()
  return result.structuredContent as Record<string, unknown>
}

async function privateFile(name: string, text: string, mode = 0o600): Promise<string> {
  const path = join(await dirs.make(), name)
  await writeFile(path, text)
  await chmod(path, mode)
  return path
}

describe("client credentials at the MCP server's authorization server", () => {
  test.each(['confidential', 'post'] as const)('%s client secret: a JWT for the MCP URL, and the MCP server accepts it', async (which) => {
    const info = mcp.authorizationServer.clients[which]
    const grant = createClientCredentialsGrant({ clientId: info.clientId, clientSecret: { env: 'MCP_TEST_SECRET' }, env: { MCP_TEST_SECRET: info.clientSecret } })
    mcp.resetCounters()
    const credential = await grant.token(await grantContext(mcp))
    expect(credential).toMatchObject({ flow: 'client_credentials', clientId: info.clientId, issuer: mcp.issuer, scopes: ['mcp:read'], tokenType: 'Bearer' })
    expect(credential.refreshToken).toBeUndefined()
    expect(credential.expiresAt).toBeGreaterThan(Date.now() + 250_000)
    expect(claimsOf(credential.accessToken)).toMatchObject({ aud: mcp.url, iss: mcp.issuer, client_id: info.clientId })
    expect(await whoami(credential.accessToken)).toMatchObject({ clientId: info.clientId, scopes: ['mcp:read'] })
    expect(mcp.authorizationServer.counters()).toMatchObject({ client_credentials: 1 })
  })

  test('private_key_jwt with a PEM key file (0600) and with the JWK in hand', async () => {
    const { jwt } = mcp.authorizationServer.clients
    const file = await privateFile('key.pem', jwt.privateKeyPem)
    const fromPem = createClientCredentialsGrant({ clientId: jwt.clientId, privateKey: { file }, keyId: jwt.kid })
    const credential = await fromPem.token(await grantContext(mcp, ['mcp:read', 'mcp:write']))
    expect(credential.scopes.sort()).toEqual(['mcp:read', 'mcp:write'])
    expect(await whoami(credential.accessToken)).toMatchObject({ clientId: jwt.clientId })
    const fromJwk = createClientCredentialsGrant({ clientId: jwt.clientId, privateKey: { value: JSON.stringify(jwt.privateJwk), label: 'the test JWK' } })
    expect((await fromJwk.token(await grantContext(mcp))).clientId).toBe(jwt.clientId)
  })

  test('no scope: none is sent, and the MCP server answers 403 insufficient_scope to that token', async () => {
    const info = mcp.authorizationServer.clients.confidential
    const grant = createClientCredentialsGrant({ clientId: info.clientId, clientSecret: { value: info.clientSecret, label: 'test' } })
    const credential = await grant.token(await grantContext(mcp, []))
    expect(credential.scopes).toEqual([])
    const response = await fetch(mcp.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential.accessToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    })
    expect(response.status).toBe(403)
  })

  test('a wrong secret: INVALID_CLIENT naming the client and method, never the secret', async () => {
    const wrong = 'wrong-secret-value-4242'
    const grant = createClientCredentialsGrant({ clientId: 'authcli-confidential', clientSecret: { value: wrong, label: 'test' } })
    const error = await authFailure(grant.token(await grantContext(mcp)))
    expect(error.code).toBe('INVALID_CLIENT')
    expect(error.exitCode).toBe(4)
    expect(error.hint).toContain('client id "authcli-confidential" with client_secret_basic')
    expect(`${error.message} ${error.hint}`).not.toContain(wrong)
  })

  test('a resource the authorization server does not serve: OAUTH_ERROR invalid_target', async () => {
    const info = mcp.authorizationServer.clients.confidential
    const grant = createClientCredentialsGrant({ clientId: info.clientId, clientSecret: { value: info.clientSecret, label: 'test' } })
    const error = await authFailure(grant.token({ ...(await grantContext(mcp)), resource: 'https://elsewhere.example/mcp' }))
    expect(error.code).toBe('OAUTH_ERROR')
    expect(error.message).toContain('invalid_target')
  })

  test('a key file others can read is refused before any request', async () => {
    const { jwt } = mcp.authorizationServer.clients
    const file = await privateFile('open.pem', jwt.privateKeyPem, 0o644)
    mcp.resetCounters()
    const error = await authFailure(createClientCredentialsGrant({ clientId: jwt.clientId, privateKey: { file } }).token(await grantContext(mcp)))
    expect(error.code).toBe('LOGIN_REQUIRED')
    expect(error.hint).toBe(`chmod 600 ${file}`)
    expect(mcp.authorizationServer.counters()['token']).toBeUndefined()
  })

  test('an authorization server that does not offer client_credentials: CONFIG_ERROR, no request', async () => {
    const narrow = await startMcpServer({ tamper: { metadata: { grant_types_supported: ['authorization_code', 'refresh_token'] } } })
    try {
      const info = narrow.authorizationServer.clients.confidential
      const grant = createClientCredentialsGrant({ clientId: info.clientId, clientSecret: { value: info.clientSecret, label: 'test' } })
      const error = await authFailure(grant.token(await grantContext(narrow)))
      expect(error.code).toBe('CONFIG_ERROR')
      expect(error.message).toBe("@auth/mcp: the MCP server's authorization server does not offer the client_credentials grant")
      expect(narrow.authorizationServer.counters()['token']).toBeUndefined()
    } finally {
      await narrow.close()
    }
  })

  test('a token endpoint on plain http to another host is never called: BAD_RESPONSE', async () => {
    const info = mcp.authorizationServer.clients.confidential
    const ctx = await grantContext(mcp)
    let called = false
    const hostile = {
      ...ctx,
      authorizationServer: { ...ctx.authorizationServer, token_endpoint: 'http://evil.example/token' },
      fetch: (async () => {
        called = true
        return new Response('{}')
      }) as typeof fetch,
    }
    const error = await authFailure(createClientCredentialsGrant({ clientId: info.clientId, clientSecret: { value: info.clientSecret, label: 'test' } }).token(hostile))
    expect(error.code).toBe('BAD_RESPONSE')
    expect(called).toBe(false)
  })
})
