import { isRecord } from '@auth/core/kit'
import { badResponse } from '@auth/core/kit'

/** What the Streamable HTTP transport carries from one request to the next. */
export interface HttpSession {
  /** `Mcp-Session-Id` the server gave at initialization. */
  id: string | undefined
  /** The negotiated protocol version, sent as `MCP-Protocol-Version` after initialization. */
  protocolVersion: string | undefined
}

// Visible ASCII only (the spec's rule), and a sane length: it goes back out in a header.
const SESSION_ID = /^[\x21-\x7e]{1,1024}$/
const PROTOCOL_VERSION = /^[\w.-]{1,64}$/

/**
 * The headers of a request in `session`: `Mcp-Session-Id` and `MCP-Protocol-Version` once known.
 * @example `sessionHeaders(session, { accept: 'text/event-stream' })`
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
export function sessionHeaders(session: HttpSession, extra: Record<string, string>): Headers {
  const headers = new Headers(extra)
  if (session.id !== undefined) headers.set('mcp-session-id', session.id)
  if (session.protocolVersion !== undefined) headers.set('mcp-protocol-version', session.protocolVersion)
  return headers
}

/**
 * Keeps the `Mcp-Session-Id` a response carries.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when it is not visible ASCII of at most 1024 characters.
 */
export function captureSessionId(session: HttpSession, response: Response, where: string): void {
  const id = response.headers.get('mcp-session-id')
  if (id === null) return
  if (!SESSION_ID.test(id)) throw badResponse('"Mcp-Session-Id" is not visible ASCII of at most 1024 characters', { operation: 'MCP request', where })
  session.id = id
}

/** Keeps the protocol version of an `initialize` result (ignored when it does not look like one). */
export function captureProtocolVersion(session: HttpSession, response: Record<string, unknown>): void {
  const version = isRecord(response.result) ? response.result.protocolVersion : undefined
  if (typeof version === 'string' && PROTOCOL_VERSION.test(version)) session.protocolVersion = version
}

/** The media type of a response, lower case, without parameters. */
export function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
