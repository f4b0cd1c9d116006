import { createLogger, registerSecret, type Logger } from '@auth/core'
import { createDebugFetch as coreDebugFetch } from '@auth/core/kit'
import { closedPort } from '@auth/dev-server/testing'
import { startLocalServer, type LocalServer } from '@auth/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isFlowRequestLine } from './debug-fetch.js'

/** The CLI's request log: core's createDebugFetch over the global fetch, as login-context.ts wires it. */
const createDebugFetch = (logger: Logger) => coreDebugFetch(globalThis.fetch, logger)

let server: LocalServer
let base: string
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    res.statusCode = req.url?.startsWith('/missing') ? 404 : 200
    res.end('ok')
  })
  base = server.base
})
afterAll(() => server.close())

function logged() {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line), prefix: '[authcli]' })
  return { lines, logger }
}

describe('createDebugFetch', () => {
  it('logs HTTP METHOD URL -> STATUS (ms), without the query, and returns the response', async () => {
    const { lines, logger } = logged()
    const fetch = createDebugFetch(logger)
    const response = await fetch(`${base}/missing/thing?code=abc123&x=1`, { method: 'post', body: 'x' })
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('ok')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^\\[authcli\\] debug: HTTP POST ${base}/missing/thing -> 404 \\(\\d+ ms\\)$`))
    expect(lines[0]).not.toContain('abc123')
  })

  it('defaults to GET and takes the method of a Request', async () => {
    const { lines, logger } = logged()
    await createDebugFetch(logger)(`${base}/a`)
    await createDebugFetch(logger)(new Request(`${base}/b`, { method: 'DELETE' }))
    expect(lines.map((l) => l.replace(/\(\d+ ms\)/, '(N ms)'))).toEqual([`[authcli] debug: HTTP GET ${base}/a -> 200 (N ms)`, `[authcli] debug: HTTP DELETE ${base}/b -> 200 (N ms)`])
  })

  it('logs a failure and rethrows it as it is', async () => {
    const { lines, logger } = logged()
    const url = `http://127.0.0.1:${await closedPort()}/x`
    await expect(createDebugFetch(logger)(url)).rejects.toThrow(TypeError)
    expect(lines[0]).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/x failed \(\d+ ms\)$/)
  })

  it('masks a registered secret that lands in the path', async () => {
    const { lines, logger } = logged()
    registerSecret('path-secret-0123456789')
    await createDebugFetch(logger)(`${base}/tokens/path-secret-0123456789`)
    expect(lines[0]).toContain('/tokens/***')
  })

  it('does not log below debug level', async () => {
    const lines: string[] = []
    await createDebugFetch(createLogger({ level: 'warn', write: (l) => lines.push(l) }))(`${base}/a`)
    expect(lines).toEqual([])
  })
})

describe('isFlowRequestLine', () => {
  it.each([
    ['POST http://127.0.0.1:1/token -> 200', true],
    ['GET https://h/api/v1/profile -> 401', true],
    ['GET https://h/x failed', true],
    ['HTTP GET https://h/x -> 200 (3 ms)', true],
    ['HTTP GET https://h/x failed (3 ms)', true],
    ['renewing the device credential for https://h', false],
    ['GET https://h/x -> 200 and more', false],
  ])('%j -> %s', (line, expected) => {
    expect(isFlowRequestLine(line)).toBe(expected)
  })
})
