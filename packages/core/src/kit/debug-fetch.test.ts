import { startLocalServer, type LocalServer } from '@auth/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDebugFetch, isDebugFetch } from './debug-fetch.js'
import { createFlowFetch } from './flow-fetch.js'
import { createLogger } from '../redact/logger.js'
import { registerSecret } from '../redact/secrets.js'

let server: LocalServer
let base: string
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    if (req.url?.startsWith('/big')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('x'.repeat(5000))
      return
    }
    if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 2000)
    res.statusCode = req.url?.startsWith('/missing') ? 404 : 200
    res.end('ok')
  })
  base = server.base
})
afterAll(() => server.close())

function logged() {
  const lines: string[] = []
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) }
}

describe('createDebugFetch', () => {
  it('logs HTTP METHOD URL -> STATUS (ms) without the query, headers or body', async () => {
    const { lines, logger } = logged()
    const response = await createDebugFetch(fetch, logger)(`${base}/missing/x?code=abc123#f`, { method: 'post', body: 'body-secret', headers: { authorization: 'Bearer hdr' } })
    expect(response.status).toBe(404)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`debug: HTTP POST ${base}/missing/x -> 404 \\(\\d+ ms\\)$`))
    expect(lines[0]).not.toMatch(/abc123|body-secret|hdr|#f/)
  })
  it('takes the method of a Request, defaults to GET, logs failures and rethrows them', async () => {
    const { lines, logger } = logged()
    const f = createDebugFetch(fetch, logger)
    await f(new Request(`${base}/a`, { method: 'DELETE' }))
    await f(`${base}/b`)
    await expect(f('http://127.0.0.1:1/x')).rejects.toThrow(TypeError)
    expect(lines.map((l) => l.replace(/\(\d+ ms\)/, '(N ms)'))).toEqual([
      `debug: HTTP DELETE ${base}/a -> 200 (N ms)`,
      `debug: HTTP GET ${base}/b -> 200 (N ms)`,
      'debug: HTTP GET http://127.0.0.1:1/x failed (N ms)',
    ])
  })
  it('masks a registered secret in the path', async () => {
    const { lines, logger } = logged()
    registerSecret('path-secret-0123456789')
    await createDebugFetch(fetch, logger)(`${base}/t/path-secret-0123456789`)
    expect(lines[0]).toContain('/t/***')
  })
  it('does not wrap twice, and without a logger returns the fetch as is', async () => {
    const { lines, logger } = logged()
    const once = createDebugFetch(fetch, logger)
    expect(isDebugFetch(once)).toBe(true)
    expect(createDebugFetch(once, logger)).toBe(once)
    expect(createDebugFetch(fetch, undefined)).toBe(fetch)
    await createDebugFetch(once, logger)(`${base}/a`)
    expect(lines).toHaveLength(1)
  })
})

describe('createFlowFetch', () => {
  it('logs once even when handed a logging fetch', async () => {
    const { lines, logger } = logged()
    const f = createFlowFetch({ fetch: createDebugFetch(fetch, logger), logger })
    expect(isDebugFetch(f)).toBe(true)
    await f(`${base}/a`)
    expect(lines).toHaveLength(1)
  })
  it('caps response bodies', async () => {
    const f = createFlowFetch({ maxBytes: 1000 })
    await expect((await f(`${base}/big`)).text()).rejects.toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining('larger than 1000 bytes') })
    expect(await (await createFlowFetch({ maxBytes: 10_000 })(`${base}/big`)).text()).toHaveLength(5000)
  })
  it('aborts a request in flight when its signal aborts', async () => {
    const controller = new AbortController()
    const pending = createFlowFetch({ signal: controller.signal })(`${base}/slow`)
    setTimeout(() => controller.abort(), 20)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})
