import { badResponse } from '../errors/bad-response.js'

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/** The longest scope token taken; a longer one is a broken server, not a scope. */
const MAX_SCOPE_LENGTH = 256

/**
 * Whether `value` is one RFC 6749 scope token: printable ASCII without space, `"` or `\`.
 * For checking a `scopes` option: `scopes.every(isScopeToken)`.
 *
 * @throws Never.
 * @example `isScopeToken('read:org')` is `true`; `isScopeToken('a b')` is `false`
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function isScopeToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SCOPE_LENGTH && SCOPE_TOKEN.test(value)
}

/** Options of {@link parseScope}. */
export interface ParseScopeOptions {
  /** What was being done, for the message: `token request`. */
  operation?: string | undefined
  /** Who sent it, for the message. */
  where?: string | undefined
  /** The field named in the message; default `scope`. */
  field?: string | undefined
}

/**
 * Parses a `scope` parameter as a server sends it (a token response, an introspection answer):
 * scope tokens separated by spaces (runs of spaces tolerated), duplicates dropped, order kept.
 * Every flow stores scopes through it.
 *
 * @param value - The `scope` string.
 * @returns The scope tokens; `[]` for an empty string.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when `value` is not a string or holds a character
 *   a scope token cannot have (a quote, a backslash, a control or non-ASCII character).
 * @example
 * ```ts
 * parseScope('openid  profile openid') // ['openid', 'profile']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function parseScope(value: unknown, options: ParseScopeOptions = {}): string[] {
  const field = options.field ?? 'scope'
  const bad = (what: string) => badResponse(`"${field}" ${what}`, { operation: options.operation, where: options.where })
  if (typeof value !== 'string') throw bad('is not a string')
  const scopes = value.split(' ').filter((s) => s !== '')
  if (!scopes.every(isScopeToken)) throw bad('holds a character a scope cannot have')
  return [...new Set(scopes)]
}
