import { isRecord } from '../kit/assert.js'
import { oauthMapping } from './oauth-error-table.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import { AuthError } from './auth-error.js'
import { ErrorCode, ExitCode } from './codes.js'
import { ConfigError, NetworkError, OAuthError } from './classes.js'
import type { HintKeyValue } from './hint-keys.js'
import { cancelled, fieldsOf, fromOtherError, internal, mappingContext, networkTimeout, type ErrorFields as Fields, type FetchErrorContext, type MappingContext as Ctx } from './from-fetch-error.js'

/** What {@link toAuthError} may say about the failed call. */
export type ToAuthErrorContext = FetchErrorContext

// The stable `code` values of oauth4webapi's classes survive minification; class names may not.
const BY_CODE: Record<string, string> = {
  OAUTH_RESPONSE_BODY_ERROR: 'ResponseBodyError',
  OAUTH_AUTHORIZATION_RESPONSE_ERROR: 'AuthorizationResponseError',
  OAUTH_WWW_AUTHENTICATE_CHALLENGE: 'WWWAuthenticateChallengeError',
}

/**
 * Turns whatever an OAuth call threw into an {@link AuthError}: the one mapping of every error
 * class openid-client v6 and oauth4webapi export, duck-typed by `name` and `code` (core does
 * not import them).
 *
 * - `ResponseBodyError`, `AuthorizationResponseError` → `OAuthError` with code by `error`:
 *   `access_denied` ACCESS_DENIED, `invalid_grant` INVALID_GRANT, `invalid_client` /
 *   `unauthorized_client` INVALID_CLIENT, `expired_token` DEVICE_CODE_EXPIRED, `invalid_token`
 *   INVALID_TOKEN, `insufficient_scope` INSUFFICIENT_SCOPE, else OAUTH_ERROR (exit 4).
 * - `WWWAuthenticateChallengeError` (a 401 with `WWW-Authenticate`, e.g. a wrong client
 *   secret) → `OAuthError` by the challenge's `error`, INVALID_CLIENT when it has none.
 * - `ClientError`, `OperationProcessingError`, `UnsupportedOperationError` (`OAUTH_*` codes) →
 *   `NetworkError` BAD_RESPONSE (exit 5); `OAUTH_HTTP_REQUEST_FORBIDDEN` → `ConfigError`
 *   (hint `--insecure`); `OAUTH_TIMEOUT` / `OAUTH_ABORT` as below.
 * - `TypeError: fetch failed` caused by `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, `UND_ERR_*`,
 *   TLS codes → `NetworkError` NETWORK_ERROR (exit 5) naming the host; timeouts NETWORK_TIMEOUT.
 * - `AbortError` → `CancelledError` (exit 130); `TimeoutError` → `TimeoutError` NETWORK_TIMEOUT (exit 5).
 * - `TypeError` `ERR_INVALID_URL` (a discovered `issuer` or endpoint that is not a URL) →
 *   `NetworkError` BAD_RESPONSE (exit 5).
 * - An `AuthError` is returned unchanged; anything else → `AuthError` INTERNAL_ERROR (exit 1).
 *
 * The original error is the `cause`; the server's text is cleaned of control characters and
 * every message goes through `redact()`. A flow that speaks plain HTTP (no OAuth library) maps
 * with `fromFetchError` (the kit), which answers the same for what `fetch` throws and keeps this
 * table out of its bundle.
 *
 * @example
 * ```ts
 * try { await client.refreshTokenGrant(config, refreshToken) }
 * catch (e) { throw toAuthError(e, { operation: 'refresh', host: config.serverMetadata().issuer }) }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @throws Never: it returns the mapped error for the caller to throw.
 */
export function toAuthError(error: unknown, context: ToAuthErrorContext = {}): AuthError {
  if (AuthError.isInstance(error)) return error
  const ctx = mappingContext(error, context)
  const fields = fieldsOf(error)
  const code = typeof fields['code'] === 'string' ? fields['code'] : undefined
  switch (classOf(fields, code)) {
    case 'ResponseBodyError':
    case 'AuthorizationResponseError':
      return fromOAuthResponse(fields, ctx)
    case 'WWWAuthenticateChallengeError':
      return fromChallenge(fields, ctx)
    case 'ClientError':
    case 'OperationProcessingError':
    case 'UnsupportedOperationError':
      return fromClientError(fields, code, ctx)
    case 'AbortError':
      return cancelled(ctx)
    case 'TimeoutError':
      return networkTimeout(ctx)
  }
  if (code !== undefined && /^ERR_J(?:WT|WS|WE|WK|OSE)/.test(code)) return badResponse(fields, ctx, 'the server sent a token that does not verify')
  // Options are checked before any request, so a URL that does not parse mid-exchange came from
  // the server (openid-client parses a discovered `issuer` with `new URL`).
  if (code === 'ERR_INVALID_URL') return badResponse({ ...fields, message: "a URL in the server's answer is not valid" }, ctx, badResponseHint('', fields))
  return fromOtherError(error, fields, ctx)
}

/** The oauth4webapi / openid-client class: by its stable `code` first (minifiers rename classes), else by `name`. */
function classOf(fields: Fields, code: string | undefined): string {
  if (code !== undefined && Object.hasOwn(BY_CODE, code)) return BY_CODE[code] as string
  const name = typeof fields['name'] === 'string' ? fields['name'] : ''
  if (code?.startsWith('OAUTH_') && !['AbortError', 'TimeoutError'].includes(name)) return 'ClientError'
  return name
}

function fromOAuthResponse(fields: Fields, ctx: Ctx): OAuthError {
  const error = typeof fields['error'] === 'string' && fields['error'] ? sanitizeText(fields['error'], 80) : 'invalid_request'
  const description = typeof fields['error_description'] === 'string' ? sanitizeText(fields['error_description']) : undefined
  const status = typeof fields['status'] === 'number' ? fields['status'] : undefined
  return oauthError(error, description, status, `the server answered ${error}`, ctx)
}

function fromChallenge(fields: Fields, ctx: Ctx): OAuthError {
  const challenges = Array.isArray(fields['cause']) ? fields['cause'] : []
  const params = challenges.map((c) => (isRecord(c) && isRecord(c['parameters']) ? c['parameters'] : {}))
  const withError = params.find((p) => typeof p['error'] === 'string' && p['error'] !== '') ?? {}
  const error = typeof withError['error'] === 'string' ? sanitizeText(withError['error'], 80) : 'invalid_client'
  const description = typeof withError['error_description'] === 'string' ? sanitizeText(withError['error_description']) : undefined
  const status = typeof fields['status'] === 'number' ? fields['status'] : undefined
  const what = `the server refused the request${status ? ` with HTTP ${status}` : ''} (${error})`
  return oauthError(error, description, status, what, ctx)
}

function oauthError(error: string, description: string | undefined, status: number | undefined, what: string, ctx: Ctx): OAuthError {
  const { code, hint } = oauthMapping(error)
  return new OAuthError(`${ctx.prefix}${what}${description ? `: ${description}` : ''}`, {
    code,
    hint,
    error,
    cause: ctx.cause,
    ...(description !== undefined && { errorDescription: description }),
    ...(status !== undefined && { status }),
  })
}

function fromClientError(fields: Fields, code: string | undefined, ctx: Ctx): AuthError {
  if (code === 'OAUTH_TIMEOUT') return networkTimeout(ctx)
  if (code === 'OAUTH_ABORT') return cancelled(ctx)
  if (code === 'OAUTH_HTTP_REQUEST_FORBIDDEN' || code === 'OAUTH_REQUEST_PROTOCOL_FORBIDDEN') {
    return new ConfigError(`${ctx.prefix}the server must be reached over https://`, {
      hint: 'use an https:// issuer, or pass --insecure for a test server',
      cause: ctx.cause,
    })
  }
  if (code === undefined || !code.startsWith('OAUTH_')) {
    const inner = fields['cause'] === undefined ? undefined : toAuthError(fields['cause'], {})
    if (inner && inner.code !== ErrorCode.INTERNAL_ERROR) return rewrap(inner, ctx)
    return internal(fields, ctx)
  }
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
    const mismatch = issuerMismatch(fields, ctx)
    if (mismatch) return mismatch
  }
  return badResponse(fields, ctx, badResponseHint(code, fields))
}

/**
 * Discovery found another `issuer` than the one asked (RFC 8414 §3.3): names both, and the
 * issuer to use, when the server's is an http(s) URL (it is the server's text: checked,
 * sanitised, bounded; a hint, never followed by itself).
 */
function issuerMismatch(fields: Fields, ctx: Ctx): NetworkError | undefined {
  const cause = fields['cause']
  if (!isRecord(cause) || cause['attribute'] !== 'issuer' || typeof cause['expected'] !== 'string') return undefined
  const body = cause['body']
  const named = isRecord(body) && typeof body['issuer'] === 'string' ? body['issuer'] : undefined
  const asked = sanitizeText(cause['expected'], 200)
  const usable = named !== undefined && named.length <= 200 && /^https?:\/\/[\x21-\x7e]+$/.test(named) && !/["'`<>\\]/.test(named) ? named : undefined
  const what = named === undefined ? 'names no issuer' : `calls itself ${sanitizeText(named, 200)}`
  return new NetworkError(`${ctx.prefix}${ctx.host ?? 'the server'} ${what}, not ${asked} as asked (the "issuer" of its metadata must match)`, {
    code: ErrorCode.BAD_RESPONSE,
    exitCode: ExitCode.NETWORK,
    hint: usable === undefined ? 'check the host and issuer URLs' : `use the issuer the server names, ${usable} (the "issuer" option), if you trust it`,
    ...(usable !== undefined && { hintKey: 'issuer-mismatch' satisfies HintKeyValue, hintParams: { asked, named: usable } }),
    cause: ctx.cause,
  })
}

function badResponseHint(code: string, fields: Fields): string {
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return 'check that the system clock is right'
  const cause = fields['cause']
  const status = isRecord(cause) && typeof cause['status'] === 'number' ? cause['status'] : undefined
  if (status !== undefined && (status >= 500 || status === 429)) return 'the server had an error or is overloaded: try again later'
  return 'check the host and issuer URLs: the server does not answer like an OAuth 2.0 / OpenID Connect server'
}

function badResponse(fields: Fields, ctx: Ctx, hint: string): NetworkError {
  const cause = fields['cause']
  const status = isRecord(cause) && typeof cause['status'] === 'number' ? ` (HTTP ${cause['status']})` : ''
  return new NetworkError(`${ctx.prefix}unexpected response from ${ctx.host ?? 'the server'}: ${sanitizeText(fields['message'])}${status}`, {
    code: ErrorCode.BAD_RESPONSE,
    exitCode: ExitCode.NETWORK,
    hint,
    cause: ctx.cause,
  })
}

function rewrap(inner: AuthError, ctx: Ctx): AuthError {
  if (ctx.prefix === '' || !NetworkError.isInstance(inner)) return inner
  return new NetworkError(`${ctx.prefix}${inner.message}`, {
    code: inner.code,
    exitCode: inner.exitCode,
    cause: ctx.cause,
    ...(inner.hint !== undefined && { hint: inner.hint }),
    ...(inner.hintKey !== undefined && { hintKey: inner.hintKey }),
    ...(inner.hintParams !== undefined && { hintParams: inner.hintParams }),
  })
}
