import { createFileStore } from '@auth/store-file'
import { describe, expect, it } from 'vitest'
import { createMcpAuth } from '../src/index.js'
import { deliveringOpen, startMcpTestServer } from './_mcp-server.js'
import { perTestServer } from './_per-test.js'

const t = perTestServer('mcp-query-url-')

describe('a server URL with a query', () => {
  it('a new session finds the stored login: getAccessToken({ noLogin }) answers, the first request carries the token', async () => {
    t.server = await startMcpTestServer()
    const url = `${t.server.url}?tenant=a`
    const make = () => createMcpAuth({ name: 'mcp-test', serverUrl: url, dir: t.dir, stores: [createFileStore({ dir: t.dir })], open: deliveringOpen(), timeoutMs: 5000 })
    const first = await make().login()
    const again = make()
    expect((await again.stored())?.credential.accessToken).toBe(first.credential.accessToken)
    expect(await again.getAccessToken({ noLogin: true })).toBe(first.credential.accessToken)
    const before = t.server.requests.length
    expect((await again.fetch(url, { method: 'POST', body: '{}' })).status).toBe(200)
    expect(t.server.requests.slice(before).map((r) => r.authorization)).toEqual([`Bearer ${first.credential.accessToken}`])
  })
})
