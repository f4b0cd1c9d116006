import { ConfigError, ErrorCode } from '@auth/core'

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/**
 * `--scope` values (repeatable, each may hold several separated by spaces or commas) as a list
 * of scope names, duplicates dropped.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a name that is not an RFC 6749 scope token.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 * @example `parseScopeFlags(['openid profile', 'email'])` is `['openid', 'profile', 'email']`
 */
export function parseScopeFlags(value: unknown, flag = '--scope'): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  const scopes = list.flatMap((s) => String(s).split(/[\s,]+/)).filter((s) => s !== '')
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw new ConfigError(`${flag} must name scopes without quotes, backslashes or control characters`, { code: ErrorCode.USAGE_ERROR, hint: `for example ${flag} openid ${flag} api:read` })
    }
  }
  return [...new Set(scopes)]
}
