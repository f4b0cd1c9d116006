// Two MCP servers behind one authorization server, logged in to at once (one login lock per
// server): the client is registered once per issuer, so both logins share it and both renew.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileStore } from '@auth/store-file'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMcpAuth, loadRegisteredClient } from '../src/index.js'
import { deliveringOpen, startMcpTestServer, type McpTestServer } from './_mcp-server.js'

let dir: string
let server: McpTestServer | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-registration-race-'))
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(dir, { recursive: true, force: true })
})

const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }

describe('one registration per issuer across servers', () => {
  it('two servers of one issuer logging in at once: one registration, the client both logins recorded (and renew with)', async () => {
    server = await startMcpTestServer({ refresh: { expiresIn: 3600 } })
    const target = server
    const make = (url: string) => createMcpAuth({ name: 'mcp-test', serverUrl: url, dir, stores: [createFileStore({ dir })], open: deliveringOpen(), timeoutMs: 5000 })
    const urls = [target.url, `${target.url}/b`]
    const first = await Promise.all(urls.map((url) => make(url).fetch(url, post)))
    expect(first.map((r) => r.status)).toEqual([200, 200])
    expect(target.counts['/authorize']).toBe(2)
    expect(target.counts['/register']).toBe(1)
    // A renewal uses the stored client only if it is the one the credential was issued to.
    const stored = await loadRegisteredClient([createFileStore({ dir })], target.origin)
    for (const url of urls) expect((await make(url).stored())?.credential.clientId).toBe(stored?.clientId)
  })
})
