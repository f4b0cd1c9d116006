import { isRecord, readResponseText } from '@auth/core/kit'
import { responseId, toMessages, type JsonRpcMessage } from './_jsonrpc.js'
import { captureProtocolVersion, captureSessionId, mediaType, sessionHeaders, type HttpSession } from './_session.js'
import { readSse } from './_sse.js'

/** What {@link startNewSession} needs of the bridge. */
export interface NewSessionContext {
  fetch: typeof globalThis.fetch
  url: URL
  where: string
  session: HttpSession
  maxBytes: number
  signal: AbortSignal
}

let sequence = 0

/**
 * Starts a new session after the server answered 404 to the session id (it restarted, or expired
 * the session), on behalf of a client that cannot know: the client's own `initialize` request
 * is sent again (under an id of the bridge's, its answer kept from the client), then
 * `notifications/initialized`. `session` holds the new id and version on success.
 * @returns Whether the new session is ready.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
export async function startNewSession(ctx: NewSessionContext, initialize: JsonRpcMessage): Promise<boolean> {
  const { session } = ctx
  session.id = undefined
  session.protocolVersion = undefined
  const id = `mcp-proxy-reinitialize-${++sequence}`
  const response = await post(ctx, { ...initialize, id })
  captureSessionId(session, response, ctx.where)
  const answer = response.ok ? await answerOf(ctx, response, id) : undefined
  if (!response.ok) await response.body?.cancel().catch(() => {})
  if (answer === undefined || !isRecord(answer.result)) return false
  captureProtocolVersion(session, answer)
  const initialized = await post(ctx, { jsonrpc: '2.0', method: 'notifications/initialized' })
  await initialized.body?.cancel().catch(() => {})
  return initialized.ok
}

function post(ctx: NewSessionContext, message: JsonRpcMessage): Promise<Response> {
  const headers = sessionHeaders(ctx.session, { 'content-type': 'application/json', accept: 'application/json, text/event-stream' })
  return ctx.fetch(ctx.url, { method: 'POST', headers, body: JSON.stringify(message), signal: ctx.signal })
}

/** The response to `id` in a JSON body or an SSE stream; anything else in it is dropped. */
async function answerOf(ctx: NewSessionContext, response: Response, id: string): Promise<JsonRpcMessage | undefined> {
  const find = (text: string) => {
    try {
      return toMessages(JSON.parse(text))?.find((m) => responseId(m) === id)
    } catch {
      return undefined
    }
  }
  if (mediaType(response) === 'application/json') return find(await readResponseText(response, { maxBytes: ctx.maxBytes, operation: 'MCP request', where: ctx.where }))
  if (mediaType(response) !== 'text/event-stream' || response.body === null) return undefined
  for await (const event of readSse(response.body, ctx.maxBytes, ctx.where)) {
    const found = event.event === 'message' ? find(event.data) : undefined
    if (found) return found
  }
  return undefined
}
