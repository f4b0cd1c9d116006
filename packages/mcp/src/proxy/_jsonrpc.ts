import { isRecord } from '@auth/core/kit'

/** A JSON-RPC 2.0 message as it travels: an object with `jsonrpc: "2.0"`. */
export type JsonRpcMessage = Record<string, unknown> & { jsonrpc: '2.0' }

/** A request id: a string or a number (JSON-RPC allows no other kind on the wire here). */
export type JsonRpcId = string | number

/** JSON-RPC error codes the bridge answers with. */
export const RpcError = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  /** The MCP server could not be reached or did not answer (implementation-defined range). */
  SERVER_UNAVAILABLE: -32000,
  /** The login to the MCP server failed or is missing. */
  UNAUTHORIZED: -32001,
} as const

/**
 * The JSON-RPC messages in a parsed JSON value: one message, or a non-empty batch of them.
 * `undefined` when the value is not JSON-RPC 2.0 (so nothing else ever reaches the other side).
 * @example `toMessages({ jsonrpc: '2.0', method: 'ping', id: 1 })` is that message in an array
 * @see https://www.jsonrpc.org/specification
 */
export function toMessages(value: unknown): JsonRpcMessage[] | undefined {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0) return undefined
  return list.every(isMessage) ? list : undefined
}

function isMessage(value: unknown): value is JsonRpcMessage {
  if (!isRecord(value) || value.jsonrpc !== '2.0') return false
  if ('id' in value && !isId(value.id) && value.id !== null) return false
  if ('method' in value) return typeof value.method === 'string'
  return 'id' in value && ('result' in value || (isRecord(value.error) && typeof value.error.code === 'number'))
}

/** Whether `value` is a usable request id. */
export function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

/** The id of a request (a message with `method` and `id`), else `undefined` (a notification or a response). */
export function requestId(message: JsonRpcMessage): JsonRpcId | undefined {
  return typeof message.method === 'string' && isId(message.id) ? message.id : undefined
}

/** The id a response answers, else `undefined`. */
export function responseId(message: JsonRpcMessage): JsonRpcId | undefined {
  return typeof message.method !== 'string' && isId(message.id) ? message.id : undefined
}

/** A map key for an id (`1` and `"1"` differ). */
export function idKey(id: JsonRpcId): string {
  return JSON.stringify(id)
}

/**
 * An error response.
 * @example `errorResponse(7, RpcError.SERVER_UNAVAILABLE, 'the MCP server answered 502')`
 */
export function errorResponse(id: JsonRpcId | null, code: number, message: string, data?: Record<string, unknown>): JsonRpcMessage {
  return { jsonrpc: '2.0', id, error: { code, message, ...(data !== undefined && { data }) } }
}
