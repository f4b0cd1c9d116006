import { AuthError, ExitCode, silentLogger, toAuthError } from '@auth/core'
import { badResponse, isRecord, parseHttpUrl, readResponseText, sanitizeText } from '@auth/core/kit'
import { idKey, errorResponse, requestId, responseId, RpcError, toMessages, type JsonRpcId, type JsonRpcMessage } from './_jsonrpc.js'
import { readLines } from './_lines.js'
import { startNewSession } from './_new-session.js'
import { captureProtocolVersion, captureSessionId, mediaType, sessionHeaders, type HttpSession } from './_session.js'
import { readSse } from './_sse.js'
import type { McpProxyOptions, McpProxyResult, ProxyOutput } from './types.js'

const DEFAULT_MAX_MESSAGE_BYTES = 4 << 20
const DRAIN_MS = 10_000
const DELETE_TIMEOUT_MS = 5_000
const POST_ACCEPT = 'application/json, text/event-stream'

/**
 * A stdio ↔ Streamable HTTP bridge for MCP (the job `mcp-remote` does): newline-delimited JSON-RPC
 * read from `input` is POSTed to `url` (`Accept: application/json, text/event-stream`), each answer
 * (a JSON body, or the messages of an SSE stream, resumed with `Last-Event-ID` when it breaks
 * early) is written to `output` as one line. The server's `Mcp-Session-Id` and the negotiated
 * `MCP-Protocol-Version` go on every later request; after `notifications/initialized` the
 * server's GET stream is opened where it offers one (405: none). Only JSON-RPC 2.0 reaches
 * `output`: a failed request is answered with a JSON-RPC error carrying its id, and everything
 * else is a diagnostic for `logger`. Every message is capped at `maxMessageBytes` both ways.
 * When `input` ends (answers in flight get 10 s) or `signal` aborts, the session is ended with
 * DELETE. Authentication is the `fetch`'s: pass the logged-in fetch of `@auth/mcp`.
 *
 * @returns What was relayed, once the bridge has closed.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when `url` is not an http(s) URL (plain http only to loopback).
 * @example
 * ```ts
 * const { fetch } = createMcpAuth({ name: 'acme', serverUrl })
 * await runMcpProxy({ url: serverUrl, fetch, input: process.stdin, output: process.stdout, signal })
 * ```
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
export async function runMcpProxy(options: McpProxyOptions): Promise<McpProxyResult> {
  const url = parseHttpUrl(options.url, { where: '@auth/mcp: runMcpProxy', option: 'url' })
  const bridge = createBridge(options, url)
  try {
    await bridge.relay()
  } finally {
    await bridge.close()
  }
  return bridge.result()
}

function createBridge(options: McpProxyOptions, url: URL) {
  const fetch = options.fetch ?? globalThis.fetch
  const logger = options.logger ?? silentLogger
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  const maxReconnects = options.maxReconnects ?? 5
  const where = `${url.origin}${url.pathname}`
  const closing = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, closing.signal]) : closing.signal
  const session: HttpSession = { id: undefined, protocolVersion: undefined }
  const pending = new Map<string, JsonRpcId>()
  // The client's initialize requests in flight, and the one that succeeded (replayed for a new session after a 404).
  const initializing = new Map<string, JsonRpcMessage>()
  let replay: JsonRpcMessage | undefined
  const posts = new Set<Promise<void>>()
  const streams = new Set<Promise<void>>()
  const stats = { sent: 0, received: 0, sessionEnded: false }
  const write = createWriter(options.output, () => closing.abort())
  let order: Promise<void> = Promise.resolve()
  let listening = false

  const deliver = async (message: JsonRpcMessage) => {
    const id = responseId(message)
    if (id !== undefined) {
      const init = initializing.get(idKey(id))
      if (init !== undefined) {
        initializing.delete(idKey(id))
        captureProtocolVersion(session, message)
        if (isRecord(message.result)) replay = init
      }
      pending.delete(idKey(id))
    }
    stats.received++
    await write(message)
  }

  /** Answers each still-pending request of `ids` with a JSON-RPC error. */
  const answerError = async (ids: readonly JsonRpcId[], code: number, message: string, data?: Record<string, unknown>) => {
    for (const id of ids) {
      if (!pending.delete(idKey(id))) continue
      stats.received++
      await write(errorResponse(id, code, message, data))
    }
  }

  const answerFailure = async (ids: readonly JsonRpcId[], error: unknown) => {
    if (signal.aborted) return
    const failure = toAuthError(error, { operation: 'MCP request', host: url.host })
    logger.warn(failure.message)
    const code = failure.exitCode === ExitCode.AUTH ? RpcError.UNAUTHORIZED : RpcError.SERVER_UNAVAILABLE
    // The hint goes in the message too: most MCP clients show the message alone.
    const message = failure.hint === undefined ? failure.message : `${failure.message} (${failure.hint})`
    await answerError(ids, code, message, { code: failure.code, ...(failure.hint !== undefined && { hint: failure.hint }) })
  }

  /** One line of JSON from the server: each JSON-RPC message in it is delivered; anything else is dropped. */
  const forward = async (text: string) => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return logger.warn(`dropped a message from ${where} that is not JSON`)
    }
    const messages = toMessages(value)
    if (!messages) return logger.warn(`dropped a message from ${where} that is not JSON-RPC 2.0`)
    for (const message of messages) await deliver(message)
  }

  const isAnswered = (ids: readonly JsonRpcId[]) => ids.every((id) => !pending.has(idKey(id)))

  /**
   * Reads the server's SSE stream (`GET`, or resuming one with `Last-Event-ID`) until `until` holds,
   * reconnecting at most `maxReconnects` times in a row without an event. 405 means none is offered.
   */
  const listen = async (lastEventId: string | undefined, until?: () => boolean) => {
    let failures = 0
    let retryMs: number | undefined
    while (!signal.aborted && failures <= maxReconnects && !until?.()) {
      if (failures > 0) await delay(retryMs ?? Math.min(1000 * 2 ** (failures - 1), 30_000), signal)
      let response: Response
      try {
        const headers = sessionHeaders(session, { accept: 'text/event-stream', ...(lastEventId !== undefined && { 'last-event-id': lastEventId }) })
        response = await fetch(url, { method: 'GET', headers, signal })
      } catch (error) {
        if (signal.aborted) return
        logger.debug(`GET ${where}: ${toAuthError(error).message}`)
        failures++
        continue
      }
      if (!response.ok || mediaType(response) !== 'text/event-stream' || response.body === null) {
        await response.body?.cancel().catch(() => {})
        if (response.status !== 405) logger.debug(`GET ${where}: ${response.status}, no server stream`)
        if (response.status < 500) return
        failures++
        continue
      }
      try {
        for await (const event of readSse(response.body, max, where)) {
          lastEventId = event.id ?? lastEventId
          retryMs = event.retry ?? retryMs
          if (event.event !== 'message') continue
          failures = 0
          await forward(event.data)
          if (until?.()) return
        }
      } catch (error) {
        if (signal.aborted) return
        logger.warn(toAuthError(error, { operation: 'MCP stream', host: url.host }).message)
      }
      failures++
    }
  }

  /** Reads a POST's answer: 202, a JSON body, or an SSE stream (resumed if it breaks before answering). */
  const receive = async (response: Response, ids: readonly JsonRpcId[]) => {
    if (response.status === 202 || response.status === 204) {
      await response.body?.cancel().catch(() => {})
      return answerError(ids, RpcError.SERVER_UNAVAILABLE, `the MCP server at ${where} accepted the request without answering it`)
    }
    if (!response.ok) return refused(response, ids)
    const type = mediaType(response)
    if (type === 'application/json') {
      await forward(await readResponseText(response, { maxBytes: max, operation: 'MCP request', where }))
      return answerError(ids, RpcError.SERVER_UNAVAILABLE, `the MCP server at ${where} answered without a JSON-RPC response to the request`)
    }
    if (type !== 'text/event-stream' || response.body === null) {
      await response.body?.cancel().catch(() => {})
      throw badResponse(`the content type is ${sanitizeText(type, 60) || 'missing'}, not application/json or text/event-stream`, { operation: 'MCP request', where })
    }
    let lastEventId: string | undefined
    try {
      for await (const event of readSse(response.body, max, where)) {
        lastEventId = event.id ?? lastEventId
        if (event.event === 'message') await forward(event.data)
        if (isAnswered(ids)) return
      }
    } catch (error) {
      if (signal.aborted || lastEventId === undefined) throw error
      logger.debug(`the stream of ${where} broke; resuming after event ${sanitizeText(lastEventId, 60)}`)
    }
    if (!isAnswered(ids) && lastEventId !== undefined) await listen(lastEventId, () => isAnswered(ids))
    await answerError(ids, RpcError.SERVER_UNAVAILABLE, `the MCP server at ${where} closed the stream before answering`)
  }

  const refused = async (response: Response, ids: readonly JsonRpcId[]) => {
    const detail = await errorDetail(response, where)
    if (response.status === 404 && session.id !== undefined) {
      session.id = undefined
      session.protocolVersion = undefined
    }
    const status = `the MCP server at ${where} answered ${response.status}${detail ? `: ${detail}` : ''}`
    logger.warn(status)
    const auth = response.status === 401 || response.status === 403
    await answerError(ids, auth ? RpcError.UNAUTHORIZED : RpcError.SERVER_UNAVAILABLE, status, { status: response.status })
  }

  /** POSTs one line's messages; the next line is sent once this one's response headers are in. */
  const send = async (messages: JsonRpcMessage[], body: string) => {
    const ids = messages.map(requestId).filter((id): id is JsonRpcId => id !== undefined)
    const previous = order
    let accepted = () => {}
    order = new Promise<void>((resolve) => {
      accepted = resolve
    })
    await previous
    try {
      const post = () => fetch(url, { method: 'POST', headers: sessionHeaders(session, { 'content-type': 'application/json', accept: POST_ACCEPT }), body, signal })
      const inSession = session.id !== undefined
      let response = await post()
      let restarted = false
      if (response.status === 404 && inSession && replay !== undefined && !messages.some((m) => m.method === 'initialize')) {
        await response.body?.cancel().catch(() => {})
        logger.warn(`the MCP server at ${where} no longer knows the session; starting a new one`)
        listening = false
        restarted = await startNewSession({ fetch, url, where, session, maxBytes: max, signal }, replay)
        response = restarted ? await post() : new Response(null, { status: 404 })
      }
      captureSessionId(session, response, where)
      accepted()
      await receive(response, ids)
      const initialized = messages.some((m) => m.method === 'notifications/initialized')
      if ((initialized || restarted) && response.ok && !listening) {
        listening = true
        track(streams, listen(undefined))
      }
    } catch (error) {
      accepted()
      await answerFailure(ids, error)
    }
  }

  const track = (tasks: Set<Promise<void>>, task: Promise<void>) => {
    const settled = task.catch((error: unknown) => logger.warn(toAuthError(error).message)).finally(() => tasks.delete(settled))
    tasks.add(settled)
  }

  /** One line from the client: checked, then sent; a bad one is answered with a JSON-RPC error. */
  const take = async (line: string) => {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return write(errorResponse(null, RpcError.PARSE_ERROR, 'Parse error: the line is not JSON'))
    }
    const messages = toMessages(value)
    if (!messages) {
      const id = isRecord(value) && (typeof value.id === 'string' || typeof value.id === 'number') ? value.id : null
      return write(errorResponse(id, RpcError.INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message'))
    }
    for (const message of messages) {
      const id = requestId(message)
      if (id === undefined) continue
      pending.set(idKey(id), id)
      if (message.method === 'initialize') initializing.set(idKey(id), message)
    }
    stats.sent += messages.length
    track(posts, send(messages, line))
  }

  return {
    async relay() {
      const lines = readLines(options.input, max)[Symbol.asyncIterator]()
      const stopped = new Promise<IteratorReturnResult<undefined>>((resolve) => {
        const stop = () => resolve({ done: true, value: undefined })
        if (signal.aborted) stop()
        else signal.addEventListener('abort', stop, { once: true })
      })
      for (;;) {
        const next = await Promise.race([lines.next(), stopped])
        if (next.done || signal.aborted) break
        const item = next.value
        if ('line' in item) await take(item.line)
        else {
          logger.warn(`a message of ${item.tooLong} bytes from the client is larger than ${max} bytes; refused`)
          await write(errorResponse(null, RpcError.INVALID_REQUEST, `Invalid Request: larger than ${max} bytes`))
        }
      }
    },
    async close() {
      if (!signal.aborted) await Promise.race([Promise.allSettled([...posts]), delay(DRAIN_MS, signal)])
      closing.abort()
      await Promise.allSettled([...posts, ...streams])
      if (session.id === undefined) return
      try {
        const response = await fetch(url, { method: 'DELETE', headers: sessionHeaders(session, {}), signal: AbortSignal.timeout(DELETE_TIMEOUT_MS) })
        await response.body?.cancel().catch(() => {})
        stats.sessionEnded = response.ok
        logger.debug(`DELETE ${where}: ${response.status}`)
      } catch (error) {
        logger.debug(`DELETE ${where}: ${AuthError.isInstance(error) ? error.message : 'failed'}`)
      }
    },
    result: (): McpProxyResult => ({ ...stats }),
  }
}

/** The server's own words for a refusal, when its (bounded) body says them: a JSON-RPC or OAuth error, else text. */
async function errorDetail(response: Response, where: string): Promise<string> {
  try {
    const text = await readResponseText(response, { maxBytes: 64 * 1024, where })
    try {
      const body: unknown = JSON.parse(text)
      if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') return sanitizeText(body.error.message, 200)
      if (isRecord(body) && typeof body.error_description === 'string') return sanitizeText(body.error_description, 200)
      if (isRecord(body) && typeof body.error === 'string') return sanitizeText(body.error, 200)
    } catch {}
    return mediaType(response).startsWith('text/plain') ? sanitizeText(text, 200) : ''
  } catch {
    return ''
  }
}

/** Serial writes of one JSON line each, in order; a failed write (the client went away) calls `onError` and stops. */
function createWriter(output: ProxyOutput, onError: (error: Error) => void) {
  let queue: Promise<void> = Promise.resolve()
  let broken = false
  return (message: JsonRpcMessage): Promise<void> => {
    queue = queue.then(
      () =>
        new Promise<void>((resolve) => {
          if (broken) return resolve()
          const fail = (error: Error) => {
            broken = true
            onError(error)
            resolve()
          }
          try {
            output.write(`${JSON.stringify(message)}\n`, (error) => (error ? fail(error) : resolve()))
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)))
          }
        }),
    )
    return queue
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
