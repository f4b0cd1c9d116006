// Real network parts for the proxy and custom-CA tests: a CONNECT proxy on 127.0.0.1 that counts
// what it carries, a test CA with a server certificate for 127.0.0.1 (made by openssl), and an
// HTTPS server signed by it in front of the dev server.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { request as httpRequest, createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { join } from 'node:path'

/**
 * Names only the counting proxy resolves (to 127.0.0.1): loopback is never proxied, so a test that
 * needs traffic to go through the proxy names the local server `NAME.proxy.test`.
 */
export const PROXY_TEST_DOMAIN = 'proxy.test'

/** `http://127.0.0.1:PORT` as `http://NAME.proxy.test:PORT`: the same server, reachable only through the proxy. */
export function viaProxyName(origin: string, name = 'dev'): string {
  const url = new URL(origin)
  url.hostname = `${name}.${PROXY_TEST_DOMAIN}`
  return url.origin
}

function resolveTestName(host: string): string {
  return host.endsWith(`.${PROXY_TEST_DOMAIN}`) ? '127.0.0.1' : host
}

/** A forward proxy on 127.0.0.1: tunnels CONNECT and forwards absolute-URL requests, counting both. */
export interface CountingProxy {
  readonly url: string
  /** The `host:port` of every CONNECT, in order. */
  readonly connects: string[]
  /** The URL of every plain (non-CONNECT) request it forwarded. */
  readonly requests: string[]
  reset(): void
  close(): Promise<void>
}

/** Starts a {@link CountingProxy}. */
export async function startCountingProxy(): Promise<CountingProxy> {
  const connects: string[] = []
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createHttpServer((req, res) => {
    requests.push(req.url ?? '')
    const target = new URL(req.url ?? '/')
    target.hostname = resolveTestName(target.hostname)
    forward(req, res, target)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    connects.push(req.url ?? '')
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/)
    const upstream = connect(Number(port), resolveTestName(host as string), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    requests,
    reset: () => {
      connects.splice(0)
      requests.splice(0)
    },
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL, rewrite?: (body: string) => string): void {
  const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    if (!rewrite) {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
      return
    }
    const chunks: Buffer[] = []
    answer.on('data', (chunk: Buffer) => chunks.push(chunk))
    answer.on('end', () => {
      const body = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')))
      const headers = { ...answer.headers, 'content-length': String(body.length) }
      delete headers['transfer-encoding']
      if (typeof headers.location === 'string') headers.location = rewrite(headers.location)
      res.writeHead(answer.statusCode ?? 502, headers)
      res.end(body)
    })
  })
  upstream.on('error', () => res.writeHead(502).end())
  req.pipe(upstream)
}

/** A test CA and a server certificate it signed for 127.0.0.1, localhost and auth.proxy.test, as PEM files in `dir`. */
export interface TestCa {
  /** The CA certificate (what `ca_file` points at). */
  caFile: string
  serverKey: string
  serverCert: string
}

/** Makes a {@link TestCa} in `dir` with openssl. */
export function makeTestCa(dir: string): TestCa {
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=authcli test CA')
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1')
  writeFileSync(file('server.ext'), 'subjectAltName = IP:127.0.0.1, DNS:localhost, DNS:auth.proxy.test\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n')
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('server.ext'))
  return { caFile: file('ca.pem'), serverKey: readFileSync(file('server.key'), 'utf8'), serverCert: readFileSync(file('server.pem'), 'utf8') }
}

/** An HTTPS front of an http server: every request forwarded, its own origin put in the answers. */
export interface TlsFront {
  /** `https://127.0.0.1:PORT` */
  readonly origin: string
  /** `https://auth.proxy.test:PORT`: the same front, reachable only through the counting proxy. */
  readonly proxied: string
  /** How many requests it served. */
  readonly served: () => number
  close(): Promise<void>
}

/** Starts a {@link TlsFront} for `backend` (`http://127.0.0.1:PORT`) with the test CA's server certificate. */
export async function startTlsFront(backend: string, ca: TestCa): Promise<TlsFront> {
  let origin = ''
  let count = 0
  const server = createHttpsServer({ key: ca.serverKey, cert: ca.serverCert }, (req, res) => {
    count++
    // Answers name the origin the client asked for (127.0.0.1 or auth.proxy.test).
    const asked = req.headers.host ? `https://${req.headers.host}` : origin
    forward(req, res, new URL(req.url ?? '/', backend), (text) => text.replaceAll(backend, asked))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    proxied: viaProxyName(origin, 'auth'),
    served: () => count,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
