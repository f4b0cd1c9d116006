import { createAuth } from '@auth/core'
import { createFileStore } from '@auth/store-file'
import { describe, expect, it } from 'vitest'
import { createMcpAuth } from '../src/index.js'
import { deliveringOpen, startMcpTestServer } from './_mcp-server.js'
import { perTestServer, ping } from './_per-test.js'

const t = perTestServer('mcp-client-entry-')

describe('a registered client is not a host login', () => {
  it('a host session on the issuer URL finds no credential, and its status and logout leave the client alone', async () => {
    t.server = await startMcpTestServer({ clientSecret: 'registered-secret-abcdef', metadata: () => ({ token_endpoint_auth_methods_supported: ['client_secret_basic'] }) })
    const stores = [createFileStore({ dir: t.dir })]
    const mcp = createMcpAuth({ name: 'mcp-test', serverUrl: t.server.url, dir: t.dir, stores, open: deliveringOpen(), timeoutMs: 5000 })
    expect((await mcp.fetch(t.server.url, ping)).status).toBe(200)
    // The product's own login to the host that is also the MCP server's authorization server.
    const host = createAuth({ name: 'mcp-test', host: t.server.origin, dir: t.dir, stores, flows: [], interactive: false, envToken: false })
    expect(await host.stored()).toBeUndefined()
    await expect(host.getAccessToken({ noLogin: true })).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' })
    expect((await host.status()).credentials).toEqual([])
    // The next login still uses the registered client: no second registration.
    await mcp.logout({ revoke: false })
    expect((await mcp.fetch(t.server.url, ping)).status).toBe(200)
    expect(t.server.counts['/register']).toBe(1)
  })
})
