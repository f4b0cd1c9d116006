import { badResponse } from '../errors/bad-response.js'
import { parseScope } from './parse-scope.js'
import { registerSecret } from '../redact/secrets.js'

/** The longest token lifetime believed: one year. A larger `expires_in` is capped to it. */
export const MAX_EXPIRES_IN_S = 365 * 24 * 3600

/**
 * When a token with `expires_in` seconds of life expires, as epoch ms: the one place a lifetime
 * turns into a date. An absurd lifetime (1e300, 8.64e12: `new Date()` of it throws
 * `RangeError: Invalid time value`) is capped at {@link MAX_EXPIRES_IN_S} (one year); a
 * missing, negative, non-finite or non-number one means unknown (`undefined`).
 *
 * @param expiresIn - The `expires_in` of a token response, in seconds.
 * @param now - The clock reading the response arrived at, epoch ms.
 * @returns Epoch ms, always a valid `Date`; or `undefined` when unknown.
 * @throws Never.
 * @example
 * ```ts
 * expiresAtFrom(3600, Date.now())  // an hour from now
 * expiresAtFrom(1e300, Date.now()) // a year from now
 * expiresAtFrom('3600', Date.now()) // undefined
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function expiresAtFrom(expiresIn: unknown, now: number): number | undefined {
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) return undefined
  if (!Number.isFinite(now)) return undefined
  return now + Math.floor(Math.min(expiresIn, MAX_EXPIRES_IN_S) * 1000)
}

/** The token fields of a credential, from a token response. */
export interface TokenResponseFields {
  accessToken: string
  /** `Bearer`, `DPoP`, or the server's type as sent. */
  tokenType: string
  expiresAt?: number
  refreshToken?: string
  idToken?: string
  /** The granted scopes; absent when the response has no `scope`. */
  scopes?: string[]
}

/** Options of {@link tokenResponseFields}. */
export interface TokenResponseFieldsOptions {
  /** When the response arrived, epoch ms. */
  now: number
  /** What was being done, for messages: `token request`, `refresh`. */
  operation?: string | undefined
  /** Who answered, for messages. */
  where?: string | undefined
}

// What a store may hold and an HTTP header may carry.
const TOKEN = /^[\x21-\x7e]{1,16384}$/

/**
 * Checks a token endpoint response and turns it into a credential's token fields: each token
 * printable ASCII (and registered with `registerSecret` at once), `token_type` normalised
 * (`bearer` → `Bearer`, `dpop` → `DPoP`; absent → `Bearer`), `expires_in` through
 * {@link expiresAtFrom} (capped), `scope` through {@link parseScope}. Takes the plain JSON or
 * openid-client's `TokenEndpointResponse` alike.
 *
 * @throws NetworkError `BAD_RESPONSE` (exit 5) naming the field, never its value.
 * @example
 * ```ts
 * const fields = tokenResponseFields(await clientCredentialsGrant(config), { now: Date.now(), operation: 'token request' })
 * const credential = { ...fields, scopes: fields.scopes ?? requested, account, flow: 'x', obtainedAt: now }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function tokenResponseFields(response: unknown, options: TokenResponseFieldsOptions): TokenResponseFields {
  const body = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>
  const context = { operation: options.operation, where: options.where }
  const token = (field: string): string => {
    const value = body[field]
    if (typeof value !== 'string' || !TOKEN.test(value))
      throw badResponse(`"${field}" is not a printable token`, { ...context, hint: 'the authorization server sent a malformed token; report it to its operator' })
    registerSecret(value)
    return value
  }
  const fields: TokenResponseFields = { accessToken: token('access_token'), tokenType: tokenTypeName(body['token_type']) }
  if (body['refresh_token'] !== undefined) fields.refreshToken = token('refresh_token')
  if (body['id_token'] !== undefined) fields.idToken = token('id_token')
  const expiresIn = body['expires_in']
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0)) throw badResponse('"expires_in" is not a number of seconds', context)
  const expiresAt = expiresAtFrom(expiresIn, options.now)
  if (expiresAt !== undefined) fields.expiresAt = expiresAt
  if (body['scope'] !== undefined) fields.scopes = parseScope(body['scope'], context)
  return fields
}

function tokenTypeName(type: unknown): string {
  if (typeof type !== 'string' || type === '' || type.toLowerCase() === 'bearer') return 'Bearer'
  if (type.toLowerCase() === 'dpop') return 'DPoP'
  return /^[\x21-\x7e]{1,64}$/.test(type) ? type : 'Bearer'
}
