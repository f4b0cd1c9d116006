// Test helpers of the bridge's tests: a real MCP SDK server (Streamable HTTP, stateful) on
// 127.0.0.1, and the two ends of a bridge as streams. Not exported from the package.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough, Writable } from 'node:stream'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'

/** What the test server saw. */
export interface SdkServerLog {
  requests: { method: string; session: string | undefined; protocolVersion: string | undefined; lastEventId: string | undefined }[]
  closedSessions: string[]
}

/** A running MCP SDK server: `url` is its `/mcp` endpoint. */
export interface SdkServer {
  url: string
  log: SdkServerLog
  /** Sends `notifications/tools/list_changed` to every session (on the GET stream: no request is related). */
  announce(): void
  /** Forgets every session, as a restarted server does (the next request with a session id gets 404). */
  forgetSessions(): void
  close(): Promise<void>
}

/**
 * Starts a stateful MCP SDK server with the tools `echo` (returns `echo:<session>`) and `big`
 * (returns `size` bytes of text). `json: true` answers POSTs with JSON bodies, else SSE streams.
 */
export async function startSdkServer(options: { json?: boolean; bigBytes?: number } = {}): Promise<SdkServer> {
  const log: SdkServerLog = { requests: [], closedSessions: [] }
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; mcp: McpServer }>()
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const session = header(req, 'mcp-session-id')
    log.requests.push({ method: req.method ?? '', session, protocolVersion: header(req, 'mcp-protocol-version'), lastEventId: header(req, 'last-event-id') })
    if (session !== undefined) {
      const known = sessions.get(session)
      if (!known) return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }))
      return known.transport.handleRequest(req, res)
    }
    const mcp = createMcp(options.bigBytes ?? 1024)
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: options.json === true,
      onsessioninitialized: (id) => void sessions.set(id, { transport, mcp }),
      onsessionclosed: (id) => {
        log.closedSessions.push(id)
        sessions.delete(id)
      },
    })
    await mcp.connect(transport)
    await transport.handleRequest(req, res)
  }
  const server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    log,
    announce: () => {
      for (const { mcp } of sessions.values()) mcp.sendToolListChanged()
    },
    forgetSessions: () => sessions.clear(),
    close: () => closeServer(server),
  }
}

function createMcp(bigBytes: number): McpServer {
  const mcp = new McpServer({ name: 'proxy-test', version: '1.0.0' })
  mcp.registerTool('echo', { description: 'echo' }, async (extra) => ({ content: [{ type: 'text', text: `echo:${extra.sessionId}` }] }))
  mcp.registerTool('big', { description: 'a large answer' }, async () => ({ content: [{ type: 'text', text: 'x'.repeat(bigBytes) }] }))
  return mcp
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return typeof value === 'string' ? value : undefined
}

/** Closes a server and every connection it holds (SSE streams included). */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

/** The client's end of a bridge: `input` to write lines into, `lines` written out, and a wait for one. */
export interface BridgeEnds {
  input: PassThrough
  output: Writable
  /** Every line written to `output`, parsed. */
  messages: Record<string, unknown>[]
  /** Every line written to `output`, raw. */
  raw: string[]
  send(message: unknown): void
  /** Resolves with the first message that matches (already written or to come). */
  next(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>
}

/** A pair of streams for {@link runMcpProxy}: what the MCP client writes, and what it reads. */
export function bridgeEnds(): BridgeEnds {
  const input = new PassThrough()
  const messages: Record<string, unknown>[] = []
  const raw: string[] = []
  const waiters = new Set<() => void>()
  let rest = ''
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      rest += chunk.toString('utf8')
      const lines = rest.split('\n')
      rest = lines.pop() ?? ''
      for (const line of lines) {
        raw.push(line)
        messages.push(JSON.parse(line) as Record<string, unknown>)
      }
      for (const wake of waiters) wake()
      callback()
    },
  })
  return {
    input,
    output,
    messages,
    raw,
    send: (message) => void input.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`),
    next: (match, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match)
          if (!found) return
          cleanup()
          resolve(found)
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`no matching message within ${timeoutMs} ms; got ${raw.join(' | ').slice(0, 2000)}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      }),
  }
}

/** The MCP `initialize` request. */
export function initialize(id: number | string = 1): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bridge-test', version: '1.0.0' } } }
}

/** The message with this id. */
export const byId = (id: unknown) => (message: Record<string, unknown>) => message.id === id
