// Small helpers for the routes the dev server answers itself (/api/*, /_dev/*).
import type { IncomingMessage, ServerResponse } from 'node:http'

const MAX_BODY_BYTES = 64 * 1024

/** A request the route refuses, answered as JSON `{ error, error_description }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** Sends `body` as JSON, never cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/** Sends an {@link HttpError} (or a 500 for anything else). */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) {
    sendJson(res, error.status, { error: error.code, error_description: error.message })
    return
  }
  sendJson(res, 500, { error: 'server_error', error_description: String(error) })
}

/** Reads the whole body as text (at most 64 KiB). @throws HttpError 413 when larger. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'invalid_request', 'request body larger than 64 KiB')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Whether the request says its body is JSON. */
export function isJson(req: IncomingMessage): boolean {
  return /^application\/json\b/i.test(req.headers['content-type'] ?? '')
}

/**
 * Reads a JSON object body. @throws HttpError 415 without `Content-Type: application/json`
 * (which also keeps web pages from posting here without a CORS preflight), 400 when malformed.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!isJson(req)) throw new HttpError(415, 'invalid_request', 'send Content-Type: application/json')
  let value: unknown
  try {
    value = JSON.parse(await readText(req))
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'invalid_request', 'the body is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_request', 'the body must be a JSON object')
  }
  return value as Record<string, unknown>
}
