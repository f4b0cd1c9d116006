// The client a login registered is kept under its issuer (`{ host: <issuer>, account: 'oauth-client' }`),
// beside the product's own host logins: a host session on that same URL (the CLI's `--host`, whose
// issuer defaults to the host) must never take it for a login, print its secret as a token or
// send it as a bearer token.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAuth } from '@auth/core'
import { createFileStore } from '@auth/store-file'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMcpAuth } from '../src/index.js'
import { deliveringOpen, startMcpTestServer, type McpTestServer } from './_mcp-server.js'

let dir: string
let server: McpTestServer | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-client-entry-'))
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(dir, { recursive: true, force: true })
})

const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }

describe('a registered client is not a host login', () => {
  it('a host session on the issuer URL finds no credential, and its status and logout leave the client alone', async () => {
    server = await startMcpTestServer({ clientSecret: 'registered-secret-abcdef', metadata: () => ({ token_endpoint_auth_methods_supported: ['client_secret_basic'] }) })
    const stores = [createFileStore({ dir })]
    const mcp = createMcpAuth({ name: 'mcp-test', serverUrl: server.url, dir, stores, open: deliveringOpen(), timeoutMs: 5000 })
    expect((await mcp.fetch(server.url, post)).status).toBe(200)
    // The product's own login to the host that is also the MCP server's authorization server.
    const host = createAuth({ name: 'mcp-test', host: server.origin, dir, stores, flows: [], interactive: false, envToken: false })
    expect(await host.stored()).toBeUndefined()
    await expect(host.getAccessToken({ noLogin: true })).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' })
    expect((await host.status()).credentials).toEqual([])
    // The next login still uses the registered client: no second registration.
    await mcp.logout({ revoke: false })
    expect((await mcp.fetch(server.url, post)).status).toBe(200)
    expect(server.counts['/register']).toBe(1)
  })
})
