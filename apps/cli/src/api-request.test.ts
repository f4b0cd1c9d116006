// sendApiRequest through a real session (core's createAuth: bearer token, redirects followed
// only under the host) against a real HTTP server on 127.0.0.1 (no mocked fetch).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAuth, createMemoryStore } from '@auth/core'
import { tempDirs } from '@auth/testing'
import { sendApiRequest, type ApiRequest } from './api-request.js'

interface Seen {
  method: string
  url: string
  authorization: string | undefined
  contentType: string | undefined
  body: string
  host: string | undefined
}

let server: Server
let base: string
let seen: Seen[]

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body: await bodyOf(req), host: req.headers.host })
    const port = (server.address() as AddressInfo).port
    const routes: Record<string, () => void> = {
      '/base/ok': () => res.end('fine'),
      '/base/moved': () => redirect(302, '/base/ok'),
      '/base/see-other': () => redirect(303, '/base/ok'),
      '/base/temporary': () => redirect(307, '/base/ok'),
      '/base/away': () => redirect(302, `http://localhost:${port}/base/ok`),
      '/base/out': () => redirect(301, '/elsewhere'),
      '/base/loop': () => redirect(302, '/base/loop'),
      '/base/slow': () => {},
    }
    const route = routes[(req.url ?? '').split('?')[0] ?? '']
    if (route) route()
    else res.writeHead(404).end()
    function redirect(status: number, location: string) {
      res.writeHead(status, { location }).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((resolve) => server.close(() => resolve()))
})
beforeEach(() => void (seen = []))

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of req) text += String(chunk)
  return text
}

const request = (path: string, over: Partial<ApiRequest> = {}): ApiRequest => ({ url: new URL(`${base}${path}`), method: 'GET', headers: {}, ...over })
const dirs = tempDirs()
afterAll(() => dirs.cleanup())

/** The session's fetch, as `api` uses it: the bearer token (here the env token) and the host's redirect rule. */
async function sessionFetch(token: string, host = base): Promise<typeof globalThis.fetch> {
  const auth = createAuth({ name: 'mycli', host, allowInsecure: true, dir: await dirs.make(), flows: [], stores: [createMemoryStore()], env: { MYCLI_TOKEN: token }, interactive: false })
  return (input, init) => auth.fetch(input instanceof Request ? input.url : input, init)
}
const send = async (r: ApiRequest, timeoutMs?: number) =>
  sendApiRequest(r, { fetch: await sessionFetch('tok-0123456789'), signal: new AbortController().signal, ...(timeoutMs !== undefined && { timeoutMs }) })

describe('sendApiRequest', () => {
  it('sends the bearer token, the headers and the body', async () => {
    const response = await send(request('/ok?x=1', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-tenant': 'acme' }, body: '{"a":1}' }))
    expect(await response.text()).toBe('fine')
    expect(seen).toEqual([{ method: 'PUT', url: '/base/ok?x=1', authorization: 'Bearer tok-0123456789', contentType: 'application/json', body: '{"a":1}', host: expect.any(String) }])
  })

  it('follows a redirect that stays under the host; 307 keeps the method and body', async () => {
    expect((await send(request('/moved'))).status).toBe(200)
    expect(seen.map((s) => [s.method, s.url, s.authorization])).toEqual([
      ['GET', '/base/moved', 'Bearer tok-0123456789'],
      ['GET', '/base/ok', 'Bearer tok-0123456789'],
    ])
    seen = []
    await send(request('/temporary', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/base/ok', body: '{}' })
  })

  it('303 (and 302 after a POST) continue as GET without the body', async () => {
    await send(request('/see-other', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }))
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/base/ok', body: '', contentType: undefined })
    seen = []
    await send(request('/moved', { method: 'POST', headers: {}, body: '{}' }))
    expect(seen[1]).toMatchObject({ method: 'GET', body: '' })
  })

  it('never follows a redirect to another origin or out of the base path: the token stays here', async () => {
    for (const path of ['/away', '/out']) {
      seen = []
      await expect(send(request(path))).rejects.toMatchObject({ code: 'HTTP_ERROR', exitCode: 5, message: expect.stringContaining('not followed') })
      expect(seen).toHaveLength(1)
    }
  })

  it('gives up after 10 redirects (exit 5)', async () => {
    await expect(send(request('/loop'))).rejects.toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5, message: expect.stringContaining('redirected more than 10 times') })
    expect(seen).toHaveLength(11)
  })

  it('a server that does not answer: NETWORK_TIMEOUT (exit 5)', async () => {
    await expect(send(request('/slow'), 200)).rejects.toMatchObject({ code: 'NETWORK_TIMEOUT', exitCode: 5 })
  })

  it('a server that is not there: NETWORK_ERROR (exit 5), the token not in the message', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const error = await sendApiRequest({ url: new URL(`${url}/x`), method: 'GET', headers: {} }, { fetch: await sessionFetch('tok-0123456789', url), signal: new AbortController().signal }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5 })
    expect(String((error as Error).message)).not.toContain('tok-0123456789')
  })

  it('Ctrl-C: CANCELLED (exit 130)', async () => {
    const controller = new AbortController()
    const pending = sendApiRequest(request('/slow'), { fetch: await sessionFetch('tok-abcdefghij'), signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED', exitCode: 130 })
  })
})
