import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthError } from './auth-error.js'
import { NetworkError } from './classes.js'
import { fromFetchError } from './from-fetch-error.js'
import { toAuthError } from './from-oauth-client-error.js'

/** What the two mappings said, comparable. */
const said = (e: AuthError) => ({ name: e.name, code: e.code, exitCode: e.exitCode, message: e.message, hint: e.hint, hintKey: e.hintKey, hintParams: e.hintParams })

// A TCP server that answers every request with a plain HTTP 400 (so TLS to it fails) or, on the
// second port, with bytes that are not HTTP; and a port nobody listens on.
let closing: Server
let garbage: Server
let closingPort = 0
let garbagePort = 0
let freePort = 0
beforeAll(async () => {
  closing = createTcpServer((socket) => {
    socket.on('error', () => {})
    socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'))
  })
  garbage = createTcpServer((socket) => {
    socket.on('error', () => {})
    socket.on('data', () => socket.end('garbage\r\n\r\n'))
  })
  await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve))
  garbagePort = (garbage.address() as AddressInfo).port
  await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve))
  closingPort = (closing.address() as AddressInfo).port
  const probe = createTcpServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  freePort = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
})
afterAll(async () => {
  await new Promise<void>((resolve) => closing.close(() => resolve()))
  await new Promise<void>((resolve) => garbage.close(() => resolve()))
})

describe('fromFetchError: what fetch throws, mapped as toAuthError maps it', () => {
  it('a refused connection → NETWORK_ERROR (exit 5) naming the host', async () => {
    const thrown = await fetch(`http://127.0.0.1:${freePort}/`).catch((e: unknown) => e)
    const e = fromFetchError(thrown, { operation: 'profile request', host: `127.0.0.1:${freePort}` })
    expect(NetworkError.isInstance(e)).toBe(true)
    expect([e.code, e.exitCode]).toEqual(['NETWORK_ERROR', 5])
    expect(e.message).toBe(`profile request failed: cannot reach 127.0.0.1:${freePort}: connection refused (ECONNREFUSED)`)
    expect(said(e)).toEqual(said(toAuthError(thrown, { operation: 'profile request', host: `127.0.0.1:${freePort}` })))
  })

  it('a server that does not speak HTTP, TLS to a plain server, a bad port, a timeout, an abort: as toAuthError', async () => {
    const cases: [unknown, { operation?: string; host?: string }][] = [
      [await fetch(`http://127.0.0.1:${garbagePort}/`).catch((e: unknown) => e), {}],
      [await fetch(`https://127.0.0.1:${closingPort}/`).catch((e: unknown) => e), { host: `127.0.0.1:${closingPort}` }],
      [await fetch('http://127.0.0.1:1/').catch((e: unknown) => e), { host: 'http://127.0.0.1:1' }],
      [await fetch(`http://127.0.0.1:${closingPort}/`, { signal: AbortSignal.timeout(0) }).catch((e: unknown) => e), { host: 'https://h' }],
      [await fetch(`http://127.0.0.1:${closingPort}/`, { signal: AbortSignal.abort() }).catch((e: unknown) => e), { operation: 'login' }],
      [new TypeError('fetch went wrong'), {}],
      [{ message: 'garbage', cause: 42 }, { operation: 'x\u0007y' }],
      [undefined, {}],
    ]
    for (const [thrown, context] of cases) expect(said(fromFetchError(thrown, context))).toEqual(said(toAuthError(thrown, context)))
    expect(fromFetchError(cases[1]?.[0], cases[1]?.[1]).hintKey).toBe('plain-http-server')
    expect(fromFetchError(cases[2]?.[0], cases[2]?.[1]).message).toBe('cannot reach http://127.0.0.1:1: the request failed (bad port)')
    expect(fromFetchError(cases[4]?.[0], cases[4]?.[1]).code).toBe('CANCELLED')
  })

  it('passes an AuthError through unchanged', () => {
    const error = new NetworkError('down', { code: 'NETWORK_ERROR', exitCode: 5 })
    expect(fromFetchError(error)).toBe(error)
  })
})
