import { registerSecret } from '@auth/core'
import { badResponse } from './_bad-response.js'
import { get } from './_get.js'
import { parseHttpUrl } from './_http-url.js'
import { invalid, isRecord } from './_invalid.js'
import { parseProfile } from './_parse-profile.js'
import { readJson } from './_read-json.js'
import { refusal } from './_refusal.js'
import type { PatProfile, ValidatePatOptions } from './types.js'

const OPERATION = 'token validation'

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
  if (!isRecord(options)) invalid('validatePat', '"options" must be an object')
  const { token } = options
  if (typeof token !== 'string' || token === '' || /[^\x21-\x7e]/.test(token)) invalid('validatePat', '"token" must be a non-empty token (see parsePat)')
  registerSecret(token)
  const url = parseHttpUrl(options.url, 'validatePat', 'url', options.allowInsecure === true)
  const headers = { accept: 'application/json', ...checkHeaders(options.headers), authorization: `Bearer ${token}` }
  const response = await get(url, { headers, operation: OPERATION, fetch: options.fetch, signal: options.signal, logger: options.logger })
  if (response.status < 200 || response.status > 299) throw await refusal(response, url, token, OPERATION)
  const where = `${url.origin}${url.pathname}`
  const body = await readJson(response, OPERATION, url.host)
  if (!body.json) throw badResponse(where, `the body is not JSON (${body.contentType})`)
  return parseProfile(body.value, response.headers, where)
}

function checkHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {}
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) invalid('validatePat', '"headers" must be an object of strings')
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization')) as Record<string, string>
}
