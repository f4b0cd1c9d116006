// A tiny real authorization server on node:http for the cases the dev server cannot produce:
// slow_down, expired_token, 5xx, garbage. Serves discovery, device authorization and a token
// endpoint that plays a script of answers, and records every request with its time.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One answer of the token endpoint. A plain object body is sent as JSON. */
export interface Answer {
  /** 0: never answer (the connection stays open until the client gives up). */
  status: number
  body: string | Record<string, unknown>
  contentType?: string
}

/** A request the server saw. */
export interface Seen {
  path: string
  /** `clock()` when it arrived. */
  at: number
  form: URLSearchParams
}

export interface FakeServerOptions {
  /** Token endpoint answers in order; the last one repeats. */
  token: Answer[]
  /** Merged into the device authorization response (`undefined` values delete a field). */
  device?: Record<string, unknown>
  /** Merged into the discovery document. */
  discovery?: Record<string, unknown>
  /** The clock requests are stamped with; default `performance.now`. */
  clock?: () => number
  /** Called on each request before it is answered (a virtual clock advances here: latency). */
  onRequest?: (path: string) => void
}

export interface FakeServer {
  readonly issuer: string
  readonly requests: Seen[]
  /** The token requests only. */
  tokenRequests(): Seen[]
  close(): Promise<void>
}

export const PENDING: Answer = { status: 400, body: { error: 'authorization_pending' } }
export const SLOW_DOWN: Answer = { status: 400, body: { error: 'slow_down' } }
export const TOKENS: Answer = { status: 200, body: { access_token: 'fake-access-token-0123456789', token_type: 'Bearer', expires_in: 60 } }

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const requests: Seen[] = []
  const clock = options.clock ?? (() => performance.now())
  let issuer = ''
  let answered = 0
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.writeHead(500).end())
  })
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', issuer).pathname
    const form = new URLSearchParams(await readBody(req))
    options.onRequest?.(path)
    requests.push({ path, at: clock(), form })
    if (path === '/.well-known/openid-configuration') return send(res, { status: 200, body: discovery(issuer, options.discovery) })
    if (path === '/device' && req.method === 'POST') return send(res, { status: 200, body: deviceBody(issuer, options.device) })
    if (path === '/token' && req.method === 'POST') {
      const answer = options.token[Math.min(answered++, options.token.length - 1)]
      return send(res, answer ?? { status: 500, body: 'no script' })
    }
    send(res, { status: 404, body: { error: 'not_found' } })
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    issuer,
    requests,
    tokenRequests: () => requests.filter((r) => r.path === '/token'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function discovery(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return withOverrides(
    {
      issuer,
      token_endpoint: `${issuer}/token`,
      device_authorization_endpoint: `${issuer}/device`,
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    },
    overrides,
  )
}

function deviceBody(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return withOverrides(
    {
      device_code: 'fake-device-code-0123456789',
      user_code: 'WDJB-MJHT',
      verification_uri: `${issuer}/activate`,
      expires_in: 600,
    },
    overrides,
  )
}

function withOverrides(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base, ...overrides }
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete out[key]
  return out
}

function send(res: ServerResponse, answer: Answer): void {
  if (answer.status === 0) return
  const json = typeof answer.body !== 'string'
  res.writeHead(answer.status, {
    'content-type': answer.contentType ?? (json ? 'application/json' : 'text/html'),
    'cache-control': 'no-store',
  })
  res.end(json ? JSON.stringify(answer.body) : answer.body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
