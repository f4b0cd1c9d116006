import { registerSecret } from '@auth/core'
import { isRecord, optionChecker, readJsonResponse, type OptionChecker } from '@auth/core/kit'
import { PROFILE_HINT } from './bad-response.js'
import { get } from './get.js'
import { parseProfile } from './parse-profile.js'
import { refusal } from './refusal.js'
import type { PatProfile, ValidatePatOptions } from './types.js'

const OPERATION = 'token validation'
const check: OptionChecker = optionChecker('@auth/flow-pat', 'validatePat')

/**
 * Checks a token against a profile endpoint before it is saved: `GET url` with
 * `Authorization: Bearer <token>` (the token registered with `registerSecret` first), no
 * redirects followed. On 2xx, every field of the JSON body is checked and the account
 * (`login`, `name`, `email`, `id`), the scopes (`X-OAuth-Scopes`, else the body's `scopes` /
 * `scope`) and the expiry (when the server says) are returned.
 *
 * @returns The profile of the token's owner.
 * @throws AuthenticationError `INVALID_TOKEN` (exit 4) on 401: mistyped, expired or revoked.
 * @throws AuthenticationError `INSUFFICIENT_SCOPE` (exit 4) on 403, listing the scopes the token
 * has and the scopes the server accepts (`X-Accepted-OAuth-Scopes`, the body, the challenge).
 * @throws NetworkError `NETWORK_ERROR` (exit 5) when the server cannot be reached, or answers 5xx / 429.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) on a body that is not JSON, a field of the wrong
 * type, a redirect or another status.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad `url` or `token` argument.
 * @throws CancelledError `CANCELLED` (exit 130) when `signal` aborts.
 * @example
 * ```ts
 * const profile = await validatePat({ url: 'https://api.example.com/user', token })
 * console.log(profile.login, profile.scopes) // 'alice' ['api:read']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 (401 `invalid_token`, 403 `insufficient_scope`)
 */
export async function validatePat(options: ValidatePatOptions): Promise<PatProfile> {
  check.record(options, 'options')
  const { token } = options
  if (typeof token !== 'string' || token === '' || /[^\x21-\x7e]/.test(token)) check.fail('token', 'must be a non-empty token (see parsePat)')
  registerSecret(token)
  const url = check.httpUrl(options.url, 'url', { allowInsecure: options.allowInsecure === true })
  const headers = { accept: 'application/json', ...checkHeaders(options.headers), authorization: `Bearer ${token}` }
  const response = await get(url, { headers, operation: OPERATION, fetch: options.fetch, signal: options.signal, logger: options.logger })
  if (response.status < 200 || response.status > 299) throw await refusal(response, url, token, OPERATION)
  const where = `${url.origin}${url.pathname}`
  const body = await readJsonResponse(response, { where }).catch((error: unknown) => {
    throw error instanceof Error && 'hint' in error && error.hint === undefined && (error as { code?: unknown }).code === 'BAD_RESPONSE' ? Object.assign(error, { hint: PROFILE_HINT }) : error
  })
  return parseProfile(body, response.headers, where)
}

function checkHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {}
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) check.fail('headers', 'must be an object of strings')
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization')) as Record<string, string>
}
