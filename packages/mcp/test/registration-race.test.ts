import { createFileStore } from '@auth/store-file'
import { describe, expect, it } from 'vitest'
import { createMcpAuth, loadRegisteredClient } from '../src/index.js'
import { deliveringOpen, startMcpTestServer } from './_mcp-server.js'
import { perTestServer, ping } from './_per-test.js'

const t = perTestServer('mcp-registration-race-')

describe('one registration per issuer across servers', () => {
  it('two servers of one issuer logging in at once: one registration, the client both logins recorded (and renew with)', async () => {
    t.server = await startMcpTestServer({ refresh: { expiresIn: 3600 } })
    const target = t.server
    const make = (url: string) => createMcpAuth({ name: 'mcp-test', serverUrl: url, dir: t.dir, stores: [createFileStore({ dir: t.dir })], open: deliveringOpen(), timeoutMs: 5000 })
    const urls = [target.url, `${target.url}/b`]
    const first = await Promise.all(urls.map((url) => make(url).fetch(url, ping)))
    expect(first.map((r) => r.status)).toEqual([200, 200])
    expect(target.counts['/authorize']).toBe(2)
    expect(target.counts['/register']).toBe(1)
    // A renewal uses the stored client only if it is the one the credential was issued to.
    const stored = await loadRegisteredClient([createFileStore({ dir: t.dir })], target.origin)
    for (const url of urls) expect((await make(url).stored())?.credential.clientId).toBe(stored?.clientId)
  })
})
