import { isRecord } from '../kit/assert.js'
import { findNetworkFailure, type NetworkFailure } from './network-failure.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import { AuthError } from './auth-error.js'
import { ErrorCode, ExitCode } from './codes.js'
import { CancelledError, NetworkError, TimeoutError } from './classes.js'
import type { HintKeyValue } from './hint-keys.js'

/** What {@link fromFetchError} (and `toAuthError`) may say about the failed call. */
export interface FetchErrorContext {
  /** What was being done, put before the message: `token request`, `refresh`, `discovery`. */
  operation?: string
  /** The host contacted, named in network errors (when the error names none). */
  host?: string
}

/** The context as the mappers use it. Internal. */
export type MappingContext = { prefix: string; host: string | undefined; cause: unknown }
/** An error's own fields. Internal. */
export type ErrorFields = Record<string, unknown>

/** The prefix, host and cause of a mapping. Internal. */
export function mappingContext(error: unknown, context: FetchErrorContext | undefined): MappingContext {
  return {
    prefix: typeof context?.operation === 'string' && context.operation ? `${sanitizeText(context.operation, 60)} failed: ` : '',
    host: typeof context?.host === 'string' && context.host ? sanitizeText(context.host, 200) : undefined,
    cause: error,
  }
}

/** An error's fields (an object's own, else none). Internal. */
export function fieldsOf(error: unknown): ErrorFields {
  return isRecord(error) || error instanceof Error ? (error as unknown as ErrorFields) : {}
}

/**
 * Turns what a plain `fetch` (or reading its body) threw into an {@link AuthError}, without the
 * OAuth library mapping of `toAuthError` (which gives the same answer for these errors): the
 * mapping a flow or store that speaks plain HTTP needs, and nothing more.
 *
 * - An `AuthError` is returned unchanged.
 * - `AbortError` → `CancelledError` (exit 130); `TimeoutError` → `TimeoutError` NETWORK_TIMEOUT (exit 5).
 * - `TypeError: fetch failed` caused by `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, `UND_ERR_*`,
 *   TLS codes → `NetworkError` NETWORK_ERROR (exit 5) naming the host; timeouts NETWORK_TIMEOUT;
 *   TLS spoken to a plain-HTTP server says so.
 * - Anything else → `AuthError` INTERNAL_ERROR (exit 1).
 *
 * The original error is the `cause`; messages are cleaned of control characters.
 *
 * @example
 * ```ts
 * const response = await fetch(url).catch((e: unknown) => Promise.reject(fromFetchError(e, { operation: 'profile request', host: url.host })))
 * ```
 * @throws Never: it returns the mapped error for the caller to throw.
 */
export function fromFetchError(error: unknown, context: FetchErrorContext = {}): AuthError {
  if (AuthError.isInstance(error)) return error
  const ctx = mappingContext(error, context)
  const fields = fieldsOf(error)
  const name = fields['name']
  if (name === 'AbortError') return cancelled(ctx)
  if (name === 'TimeoutError') return networkTimeout(ctx)
  return fromOtherError(error, fields, ctx)
}

/** A cancelled call. Internal. */
export function cancelled(ctx: MappingContext): CancelledError {
  return new CancelledError(`${ctx.prefix}cancelled`, { cause: ctx.cause })
}

/** A network failure in the error (or its causes), else an internal error. Internal. */
export function fromOtherError(error: unknown, fields: ErrorFields, ctx: MappingContext): AuthError {
  const failure = findNetworkFailure(error) ?? fetchFailed(fields)
  if (failure) return fromNetworkFailure(failure, ctx)
  return internal(fields, ctx)
}

/** `TypeError: fetch failed` whose cause has no known code (undici's "bad port", say). */
function fetchFailed(fields: ErrorFields): NetworkFailure | undefined {
  if (fields['name'] !== 'TypeError' || fields['message'] !== 'fetch failed') return undefined
  const cause = fields['cause']
  const reason = isRecord(cause) && typeof cause['message'] === 'string' ? sanitizeText(cause['message'], 80) : 'fetch failed'
  return { code: reason, kind: 'other' }
}

const PHRASES: Record<NetworkFailure['kind'], string> = {
  dns: 'the host name does not resolve',
  refused: 'connection refused',
  reset: 'the connection was closed',
  unreachable: 'the host is unreachable',
  timeout: 'no answer in time',
  tls: 'the TLS handshake failed',
  other: 'the request failed',
}

function fromNetworkFailure(failure: NetworkFailure, ctx: MappingContext): AuthError {
  if (failure.kind === 'timeout') return networkTimeout({ ...ctx, host: ctx.host ?? failure.host })
  if (failure.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || failure.code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') return plainHttp(failure, ctx)
  const host = ctx.host ?? (failure.host === undefined ? 'the server' : sanitizeText(failure.host, 200))
  const hint = failure.kind === 'tls' ? 'the server certificate was not accepted; set ca_file in the config, or NODE_EXTRA_CA_CERTS' : 'check the host URL and your network connection'
  return new NetworkError(`${ctx.prefix}cannot reach ${host}: ${PHRASES[failure.kind]} (${failure.code})`, {
    code: ErrorCode.NETWORK_ERROR,
    exitCode: ExitCode.NETWORK,
    hint,
    cause: ctx.cause,
  })
}

/** TLS spoken to a server that answers plain HTTP: say so, and name the http:// URL (only where it is allowed: loopback). */
function plainHttp(failure: NetworkFailure, ctx: MappingContext): NetworkError {
  const host = ctx.host ?? (failure.host === undefined ? undefined : sanitizeText(failure.host, 200))
  // Loopback only (as isLoopbackHost decides; inlined to keep the host parser out of this path).
  const url = host !== undefined && /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])(?::\d{1,5})?$/i.test(host) ? `http://${host}` : undefined
  return new NetworkError(`${ctx.prefix}cannot reach ${host ?? 'the server'} over https: it answers plain HTTP (${failure.code})`, {
    code: ErrorCode.NETWORK_ERROR,
    exitCode: ExitCode.NETWORK,
    hint: url === undefined ? 'use the https:// port of the server, or its http:// URL with the "allowInsecure" option for a test server' : `use ${url} (plain http is allowed to loopback)`,
    ...(url !== undefined && { hintKey: 'plain-http-server' satisfies HintKeyValue, hintParams: { url } }),
    cause: ctx.cause,
  })
}

/** No answer in time. Internal. */
export function networkTimeout(ctx: MappingContext): TimeoutError {
  return new TimeoutError(`${ctx.prefix}${ctx.host ?? 'the server'} did not answer in time`, {
    code: ErrorCode.NETWORK_TIMEOUT,
    exitCode: ExitCode.NETWORK,
    hint: 'try again later, or check your network connection',
    cause: ctx.cause,
  })
}

/** Anything else: an unexpected error. Internal. */
export function internal(fields: ErrorFields, ctx: MappingContext): AuthError {
  const message = typeof fields['message'] === 'string' ? fields['message'] : describe(ctx.cause)
  return new AuthError(`${ctx.prefix}unexpected error: ${sanitizeText(message)}`, {
    code: ErrorCode.INTERNAL_ERROR,
    exitCode: ExitCode.UNEXPECTED,
    cause: ctx.cause,
  })
}

function describe(value: unknown): string {
  try {
    return String(value)
  } catch {
    return typeof value
  }
}
