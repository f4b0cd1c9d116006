// The SDK adapter in process, against the local server: the SDK gets the session's access token
// and never a refresh token (so it can never refresh on its own), registers nothing, and its
// "redirect" runs the session's own login with the scopes the SDK asked for.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileStore } from '@auth/store-file'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMcpAuth, createMcpOAuthProvider } from '../src/index.js'
import { deliveringOpen, startMcpTestServer, type McpTestServer } from './_mcp-server.js'

let dir: string
let server: McpTestServer
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-sdk-provider-'))
  server = await startMcpTestServer({ refresh: { expiresIn: 3600 }, scopesSupported: ['mcp:read'] })
})
afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe('createMcpOAuthProvider', () => {
  it('hands the SDK the access token only, and its client information is never a registration of its own', async () => {
    const mcp = createMcpAuth({ name: 'sdk-app', serverUrl: server.url, dir, stores: [createFileStore({ dir })], open: deliveringOpen(), timeoutMs: 5000 })
    const provider = createMcpOAuthProvider(mcp)
    const tokens = await provider.tokens()
    expect(tokens).toEqual({ access_token: 'good-1', token_type: 'Bearer' })
    expect(await provider.clientInformation()).toEqual({ client_id: '@auth/mcp-session' })
    expect(server.counts['/register']).toBe(1)
  })

  it('redirectToAuthorization runs the session login with the scopes of the SDK URL, never opening that URL', async () => {
    const opened: string[] = []
    const mcp = createMcpAuth({ name: 'sdk-app', serverUrl: server.url, dir, stores: [createFileStore({ dir })], open: deliveringOpen(opened), timeoutMs: 5000 })
    const provider = createMcpOAuthProvider(mcp)
    await provider.redirectToAuthorization(new URL('https://sdk.example/authorize?scope=mcp%3Aread+mcp%3Awrite&state=sdk-state'))
    expect(opened).toHaveLength(1)
    expect(opened[0]).toContain(`${server.origin}/authorize?`)
    const authorize = server.requests.find((r) => r.path === '/authorize')
    expect(authorize?.query.get('scope')).toBe('mcp:read mcp:write')
    expect(authorize?.query.get('state')).not.toBe('sdk-state')
    expect((await provider.tokens())?.access_token).toBe('good-1')
  })
})
