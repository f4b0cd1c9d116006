import { AuthError } from '../errors/auth-error.js'
import { badResponse } from '../errors/bad-response.js'
import { fromFetchError } from '../errors/from-fetch-error.js'

/** The default cap on a response body: 1 MiB. No OAuth or profile answer comes near it. */
export const DEFAULT_MAX_BYTES = 1 << 20

/** Options of {@link readJsonResponse} and {@link readResponseText}. */
export interface ReadResponseOptions {
  /** The most bytes read; a larger body is refused (its `Content-Length` first). Default 1 MiB. */
  maxBytes?: number | undefined
  /** What was being done, for messages: `token validation`. */
  operation?: string | undefined
  /** Who answered, for messages; default the response URL without its query. */
  where?: string | undefined
}

/**
 * Reads a response body as text, at most `maxBytes`: a `Content-Length` above the cap is refused
 * before anything is read, and reading stops (the rest is cancelled) as soon as the cap is
 * passed, so a hostile server cannot make the client buffer gigabytes.
 *
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when the body is larger than `maxBytes`;
 *   NetworkError `NETWORK_ERROR` (through `fromFetchError`) when the connection fails while reading.
 * @example
 * ```ts
 * const text = await readResponseText(response, { maxBytes: 64 * 1024, operation: 'profile request' })
 * ```
 */
export async function readResponseText(response: Response, options: ReadResponseOptions = {}): Promise<string> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES
  const tooLarge = () => badResponse(`the body is larger than ${max} bytes`, { operation: options.operation, where: whereOf(response, options) })
  const length = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(length) && length > max) {
    await response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > max) {
        await reader.cancel().catch(() => {})
        throw tooLarge()
      }
      chunks.push(value)
    }
  } catch (error) {
    if (AuthError.isInstance(error)) throw error
    const host = hostOf(response)
    throw fromFetchError(error, { ...(options.operation !== undefined && { operation: options.operation }), ...(host !== undefined && { host }) })
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/**
 * Reads a response body as JSON through {@link readResponseText} (bounded, default 1 MiB).
 * An empty body or one that is not JSON is refused, naming the content type.
 *
 * @returns The parsed value (any JSON; check its fields).
 * @throws NetworkError `BAD_RESPONSE` (exit 5): too large, or not JSON; `NETWORK_ERROR` when reading fails.
 * @example
 * ```ts
 * const body = await readJsonResponse(response, { operation: 'discovery' })
 * if (!isRecord(body)) throw badResponse('the body is not a JSON object', { operation: 'discovery' })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8259
 */
export async function readJsonResponse(response: Response, options: ReadResponseOptions = {}): Promise<unknown> {
  const text = await readResponseText(response, options)
  try {
    return JSON.parse(text) as unknown
  } catch {
    const type =
      (response.headers.get('content-type') ?? '')
        .split(';')[0]
        ?.replace(/[^\w./+-]/g, '')
        .slice(0, 60) || 'no content-type'
    throw badResponse(`the body is not JSON (${type})`, { operation: options.operation, where: whereOf(response, options) })
  }
}

/**
 * The same response with its body capped at `maxBytes` (default 1 MiB): for a library that reads
 * bodies itself (openid-client), through a custom fetch. A `Content-Length` above the cap rejects
 * at once; a longer stream errors while it is read.
 *
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when `Content-Length` is above the cap; the body
 *   stream errors with the same error past the cap.
 * @example
 * ```ts
 * config[customFetch] = async (url, init) => limitResponseBody(await fetch(url, init))
 * ```
 */
export async function limitResponseBody(response: Response, maxBytes: number = DEFAULT_MAX_BYTES): Promise<Response> {
  const tooLarge = () => badResponse(`the body is larger than ${maxBytes} bytes`, { where: whereOf(response, {}) })
  const length = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(length) && length > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (response.body === null || response.status < 200 || [204, 205, 304].includes(response.status)) return response
  let size = 0
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size > maxBytes) controller.error(tooLarge())
        else controller.enqueue(chunk)
      },
    }),
  )
  return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers })
}

function whereOf(response: Response, options: ReadResponseOptions): string | undefined {
  if (options.where !== undefined) return options.where
  try {
    const url = new URL(response.url)
    return `${url.origin}${url.pathname}`
  } catch {
    return undefined
  }
}

function hostOf(response: Response): string | undefined {
  try {
    return new URL(response.url).host
  } catch {
    return undefined
  }
}
