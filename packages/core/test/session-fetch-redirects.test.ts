// Issue 15, finding 5: createAuth().fetch and redirects, against real local HTTP servers. The
// bearer token and the tenant header go to the host's origin only: a redirect to another origin
// is handed back as is (Node's fetch drops Authorization there, a product's custom fetch may not,
// and nobody drops a custom tenant header); same-origin redirects are followed, a bounded number
// of times, with fetch's method and body rules (303 → GET; 307/308 keep both).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAuth } from '../src/session/create-auth.js'
import { createMemoryStore } from '../src/store/memory-store.js'
import { tempDirs } from '@auth/testing'

interface Seen {
  method: string
  path: string
  authorization: string | undefined
  tenant: string | undefined
  body: string
}

/** A server answering `routes[path]` (status and Location), recording every request. */
async function start(routes: Record<string, [number, string?]>): Promise<{ origin: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = []
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const path = req.url ?? '/'
    seen.push({ method: req.method ?? '', path, authorization: req.headers.authorization, tenant: req.headers['x-tenant'] as string | undefined, body })
    const [status, location] = routes[path] ?? [200]
    res.writeHead(status, location === undefined ? { 'content-type': 'text/plain' } : { location: location.replace('{other}', other.origin).replace('{host}', host.origin) })
    res.end(status === 200 ? `ok ${path}` : '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server }
}

let host: Awaited<ReturnType<typeof start>>
let other: Awaited<ReturnType<typeof start>>
const dirs = tempDirs()
beforeAll(async () => {
  host = await start({
    '/away-302': [302, '{other}/stolen'],
    '/away-307': [307, '{other}/stolen'],
    '/away-308': [308, '{other}/stolen'],
    '/away-301': [301, '{other}/stolen'],
    '/away-303': [303, '{other}/stolen'],
    '/same-307': [307, '/target'],
    '/same-308': [308, '{host}/target'],
    '/same-303': [303, '/target'],
    '/same-302': [302, '/target'],
    '/hop': [302, '/same-302'],
    '/loop': [302, '/loop'],
    '/to-away': [302, '/away-302'],
    '/api/in': [302, '/api/v1/target'],
    '/api/out': [302, '/admin/target'],
  })
  other = await start({})
})
afterAll(async () => {
  for (const s of [host, other]) await new Promise((resolve) => s?.server.close(resolve))
})
afterEach(() => {
  host.seen.splice(0)
  other.seen.splice(0)
  return dirs.cleanup()
})

async function session(base = '') {
  return createAuth({
    name: 'mycli',
    host: `${host.origin}${base}`,
    dir: await dirs.make(),
    flows: [],
    stores: [createMemoryStore()],
    env: { MYCLI_TOKEN: 'env-token-0123456789' },
    tenant: 'acme',
    interactive: false,
  })
}

describe('createAuth().fetch and redirects', () => {
  it.each(['301', '302', '303', '307', '308'])('a %s to another origin is returned as is: nothing is sent there, no bearer, no tenant header', async (status) => {
    const auth = await session()
    const response = await auth.fetch(`/away-${status}`, { method: 'POST', body: 'payload' })
    expect(response.status).toBe(Number(status))
    expect(response.headers.get('location')).toBe(`${other.origin}/stolen`)
    expect(other.seen).toEqual([])
    expect(host.seen).toHaveLength(1)
    expect(host.seen[0]).toMatchObject({ authorization: 'Bearer env-token-0123456789', tenant: 'acme' })
  })

  it('a host with a base path: a redirect under it is followed, one out of it is returned as is', async () => {
    const auth = await session('/api')
    expect((await auth.fetch('/in')).status).toBe(200)
    expect(host.seen.map((r) => r.path)).toEqual(['/api/in', '/api/v1/target'])
    host.seen.splice(0)
    const out = await auth.fetch('/out')
    expect(out.status).toBe(302)
    expect(out.headers.get('location')).toBe('/admin/target')
    expect(host.seen.map((r) => r.path)).toEqual(['/api/out'])
  })

  it('307 and 308 on the same origin are followed with the method, the body, the bearer and the tenant', async () => {
    const auth = await session()
    for (const path of ['/same-307', '/same-308']) {
      host.seen.splice(0)
      const response = await auth.fetch(path, { method: 'PUT', body: '{"a":1}', headers: { 'content-type': 'application/json' } })
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('ok /target')
      expect(host.seen[1]).toEqual({ method: 'PUT', path: '/target', authorization: 'Bearer env-token-0123456789', tenant: 'acme', body: '{"a":1}' })
    }
  })

  it('303 (and 302 after a POST) on the same origin become a GET without the body', async () => {
    const auth = await session()
    for (const path of ['/same-303', '/same-302']) {
      host.seen.splice(0)
      const response = await auth.fetch(path, { method: 'POST', body: 'payload' })
      expect(response.status).toBe(200)
      expect(host.seen[1]).toEqual({ method: 'GET', path: '/target', authorization: 'Bearer env-token-0123456789', tenant: 'acme', body: '' })
    }
  })

  it('a chain of same-origin redirects is followed; one that leaves the origin midway is returned there', async () => {
    const auth = await session()
    expect(await (await auth.fetch('/hop')).text()).toBe('ok /target')
    const away = await auth.fetch('/to-away')
    expect(away.status).toBe(302)
    expect(away.headers.get('location')).toBe(`${other.origin}/stolen`)
    expect(other.seen).toEqual([])
  })

  it('a redirect loop ends after a bounded number of requests (NETWORK_ERROR)', async () => {
    const auth = await session()
    await expect(auth.fetch('/loop')).rejects.toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5 })
    expect(host.seen.length).toBeLessThanOrEqual(11)
  })

  it("the caller's redirect: 'manual' gets the first answer, same origin or not", async () => {
    const auth = await session()
    expect((await auth.fetch('/same-307', { redirect: 'manual' })).status).toBe(307)
    expect(host.seen).toHaveLength(1)
  })
})
