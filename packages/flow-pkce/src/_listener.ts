// The one-shot loopback listener that receives the browser's redirect (RFC 8252 §7.3). Internal.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AuthError } from '@auth/core'
import { ErrorCode, ExitCode, NetworkError, type HintKeyValue } from '@auth/core'
import { NOT_FOUND_HTML, SUCCESS_HTML, failureHtml } from './_pages.js'
import type { Verdict } from './_callback.js'

/** The loopback address: never `0.0.0.0`, never `localhost` (RFC 8252 §8.3). */
export const LOOPBACK = '127.0.0.1'
const CALLBACK_PATH = '/callback'
const DONE_PATH = '/done'

/** What the listener is told. */
export interface ListenerOptions {
  /** The ports to try, in order. */
  readonly ports: readonly number[]
  /** How the range is named in the error when every port is taken (`8765-8769`). */
  readonly rangeLabel: string
  /** Judges the query of a `GET /callback`. */
  readonly judge: (params: URLSearchParams) => Verdict
  readonly successHtml: string | undefined
  readonly failureHtml: string | undefined
  /** Told about a response that was not this login's (the flow keeps waiting). */
  readonly onForeign: (message: string) => void
}

/** A bound listener. */
export interface Listener {
  readonly port: number
  /** `http://127.0.0.1:PORT/callback` */
  readonly redirectUri: string
  /** Resolves the code of this login's response; rejects with the failure the response carried. */
  readonly result: Promise<string>
  /** Stops listening and closes every socket (idle keep-alive and pre-connected ones too). */
  close(): Promise<void>
  /** Resolves once the browser has been shown the success page, or after `ms`, whichever first. */
  settled(ms: number): Promise<void>
}

/**
 * Binds on 127.0.0.1 on the first free port of `options.ports` and answers only `GET /callback`
 * (everything else: 404, the login goes on). A foreign response (wrong state) gets an error page
 * and the login goes on; this login's response ends it: a failure page, or a 303 to a path
 * without the code (out of the browser's history), then the success page.
 * @throws NetworkError `CALLBACK_PORT_BUSY` (exit 5) "no callback port available" naming the range.
 */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  const { server, port } = await bind(options)
  let finish!: { resolve: (code: string) => void; reject: (error: AuthError) => void }
  const result = new Promise<string>((resolve, reject) => (finish = { resolve, reject }))
  result.catch(() => {})
  let state: 'waiting' | 'accepted' | 'shown' | 'failed' = 'waiting'
  let onShown: (() => void) | undefined
  const shown = new Promise<void>((resolve) => (onShown = resolve))
  const host = `${LOOPBACK}:${port}`
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${host}`)
    const route = request.method === 'GET' && request.headers.host === host ? url.pathname : undefined
    if (route === DONE_PATH && (state === 'accepted' || state === 'shown')) {
      send(response, 200, options.successHtml ?? SUCCESS_HTML, true)
      state = 'shown'
      return onShown?.()
    }
    if (route !== CALLBACK_PATH) return send(response, 404, NOT_FOUND_HTML)
    if (state !== 'waiting') return send(response, 409, failureHtml('This login has already finished. Return to the terminal.', options.failureHtml))
    const verdict = options.judge(url.searchParams)
    if (verdict.kind === 'foreign') {
      options.onForeign(verdict.message)
      return send(response, 400, failureHtml(verdict.message, options.failureHtml))
    }
    if (verdict.kind === 'failed') {
      state = 'failed'
      send(response, 400, failureHtml(verdict.message, options.failureHtml), true)
      onShown?.()
      return finish.reject(verdict.error)
    }
    state = 'accepted'
    response.writeHead(303, { location: DONE_PATH, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-length': '0' })
    response.end()
    finish.resolve(verdict.code)
  })
  let closing: Promise<void> | undefined
  return {
    port,
    redirectUri: `http://${host}${CALLBACK_PATH}`,
    result,
    close: () => (closing ??= close(server)),
    settled: (ms) => settle(shown, ms),
  }
}

function send(response: ServerResponse, status: number, html: string, last = false): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    ...(last && { connection: 'close' }),
  })
  response.end(html)
}

async function settle(shown: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([shown, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

async function bind(options: ListenerOptions): Promise<{ server: Server; port: number }> {
  for (const port of options.ports) {
    const server = createServer({ keepAliveTimeout: 1000, requestTimeout: 10_000 })
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false))
      server.listen({ host: LOOPBACK, port, exclusive: true }, () => resolve(true))
    })
    if (bound) return { server, port: (server.address() as AddressInfo).port }
    server.close()
  }
  throw new NetworkError(`no callback port available: every port of ${LOOPBACK}:${options.rangeLabel} is in use`, {
    code: ErrorCode.CALLBACK_PORT_BUSY,
    exitCode: ExitCode.NETWORK,
    hint: 'close what listens there, or choose other ports (the "portRange" or "port" option of @auth/flow-pkce)',
    hintKey: 'callback-port-busy' satisfies HintKeyValue,
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
