// The machine grants plugged into createMcpAuth ({ grant }), against the dev server's MCP mode:
// the session's fetch as the SDK transport's fetch, discovery from the 401, the grant's token
// stored under the resource, and a new grant (no refresh token) once it expires.
import { createMemoryStore } from '@auth/core'
import { tempDirs } from '@auth/testing'
import { startMcpServer, type McpTestServer } from '@auth/testing/mcp'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createMcpAuth } from '../src/create-mcp-auth.js'
import { createClientCredentialsGrant } from '../src/machine/index.js'

const dirs = tempDirs()
let mcp: McpTestServer
beforeAll(async () => {
  mcp = await startMcpServer({ accessTokenTtl: 2 })
})
afterAll(async () => {
  await mcp.close()
  await dirs.cleanup()
})

test('createMcpAuth({ grant }): the SDK client calls a tool; an expired token is replaced by a new grant, not a refresh', async () => {
  const { jwt } = mcp.authorizationServer.clients
  const store = createMemoryStore()
  const auth = createMcpAuth({
    name: 'machine-test',
    serverUrl: mcp.url,
    dir: await dirs.make(),
    stores: [store],
    interactive: false,
    skewMs: 0,
    grant: createClientCredentialsGrant({ clientId: jwt.clientId, privateKey: { value: jwt.privateKeyPem, label: 'the dev key' } }),
  })
  const call = async () => {
    const client = new Client({ name: 'machine-test', version: '0.0.0' })
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { fetch: auth.fetch }))
    const result = await client.callTool({ name: 'whoami', arguments: {} })
    await client.close()
    return result.structuredContent as Record<string, unknown>
  }
  mcp.resetCounters()
  expect(await call()).toMatchObject({ clientId: jwt.clientId, scopes: ['mcp:read'] })
  expect(mcp.authorizationServer.counters()).toMatchObject({ client_credentials: 1 })
  const stored = (await auth.stored())?.credential
  expect(stored).toMatchObject({ flow: 'client_credentials', clientId: jwt.clientId, issuer: mcp.issuer })
  expect(stored?.refreshToken).toBeUndefined()
  await new Promise((resolve) => setTimeout(resolve, 2200))
  expect(await call()).toMatchObject({ clientId: jwt.clientId })
  expect(mcp.authorizationServer.counters()['client_credentials']).toBe(2)
  expect(mcp.refreshCount()).toBe(0)
})
