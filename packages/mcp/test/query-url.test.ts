// A server URL with a query (`/mcp?tenant=a`): core keys the credential by scheme, host and path,
// so finding the stored login must compare with that key, not with the URL as given.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileStore } from '@auth/store-file'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMcpAuth } from '../src/index.js'
import { deliveringOpen, startMcpTestServer, type McpTestServer } from './_mcp-server.js'

let dir: string
let server: McpTestServer | undefined
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-query-url-'))
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(dir, { recursive: true, force: true })
})

describe('a server URL with a query', () => {
  it('a new session finds the stored login: getAccessToken({ noLogin }) answers, the first request carries the token', async () => {
    server = await startMcpTestServer()
    const url = `${server.url}?tenant=a`
    const make = () => createMcpAuth({ name: 'mcp-test', serverUrl: url, dir, stores: [createFileStore({ dir })], open: deliveringOpen(), timeoutMs: 5000 })
    const first = await make().login()
    const again = make()
    expect((await again.stored())?.credential.accessToken).toBe(first.credential.accessToken)
    expect(await again.getAccessToken({ noLogin: true })).toBe(first.credential.accessToken)
    const before = server.requests.length
    expect((await again.fetch(url, { method: 'POST', body: '{}' })).status).toBe(200)
    expect(server.requests.slice(before).map((r) => r.authorization)).toEqual([`Bearer ${first.credential.accessToken}`])
  })
})
