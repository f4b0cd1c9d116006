// TEMPORARY: stands in for @auth/core/kit until its helpers land. Internal.
/** Makes untrusted text safe for one line: control characters out, spaces collapsed, cut to `max`. */
export function sanitizeText(text: unknown, max = 300): string {
  const clean = String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

import { ConfigError, isLoopbackHost } from '@auth/core'

/** Throws ConfigError `<pkg>: option "<name>" <what>`. */
export function invalidOption(pkg: string, name: string, what: string, hint?: string): never {
  throw new ConfigError(`${pkg}: option "${name}" ${what}`, hint === undefined ? {} : { hint })
}

/** Parses an http(s) URL option: no user info; an issuer has no query or fragment; plain http only on loopback unless allowed. */
export function parseHttpUrl(value: unknown, options: { pkg: string; name: string; allowInsecure: boolean; issuer?: boolean }): URL {
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  const fail = (what: string, hint?: string): never => invalidOption(options.pkg, options.name, what, hint)
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) return fail('must be an http(s) URL')
  if (url.username !== '' || url.password !== '') fail('must not contain a user name or password')
  if (options.issuer === true && (url.search !== '' || url.hash !== '')) fail('must not contain a query or fragment')
  if (url.protocol === 'http:' && !options.allowInsecure && !isLoopbackHost(url.hostname)) {
    fail('must be an https:// URL (http:// is allowed on loopback only)', 'use https, or set "allowInsecure" for a test server')
  }
  return url
}

import type { Logger } from '@auth/core'
import type { CustomFetch } from 'openid-client'

/** A fetch that also stops on `signal` and logs method, URL and status at debug level. */
export function boundFetch(base: typeof globalThis.fetch | undefined, signal: AbortSignal | undefined, logger: Logger | undefined): CustomFetch {
  return async (url, init) => {
    const signals = [init.signal, signal].filter((s): s is AbortSignal => s !== undefined)
    const merged = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
    const request: RequestInit = { ...(init as RequestInit), ...(merged !== undefined && { signal: merged }) }
    const response = await (base ?? globalThis.fetch)(url, request)
    logger?.debug(`${init.method} ${url} -> ${response.status}`)
    return response
  }
}

import type { AccountInfo } from '@auth/core'
import { ErrorCode, ExitCode, NetworkError, registerSecret } from '@auth/core'
import type { TokenEndpointResponse } from 'openid-client'

type Fields = Record<string, unknown>

/**
 * The account of a login: `login` = `preferred_username` ?? `login` ?? `sub`, `name`, `email`,
 * `id` = `sub`. The profile (userinfo or `profileUrl`) wins over the ID token claims. Only
 * printable strings of at most 256 characters are taken (an integer id is turned into a
 * string); anything else is ignored, field by field.
 */
export function accountFromProfile(claims: unknown, profile: unknown): AccountInfo {
  const c = asFields(claims)
  const p = asFields(profile)
  const pick = (...names: string[]): string | undefined => {
    for (const source of [p, c]) for (const name of names) {
      const value = text(source[name])
      if (value !== undefined) return value
    }
    return undefined
  }
  const id = text(c['sub']) ?? text(p['sub']) ?? text(p['id'])
  const login = pick('preferred_username', 'login') ?? id
  const account: AccountInfo = {}
  if (login !== undefined) account.login = login
  const name = pick('name')
  if (name !== undefined) account.name = name
  const email = pick('email')
  if (email !== undefined) account.email = email
  if (id !== undefined) account.id = id
  return account
}

function asFields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {}
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  const ok = trimmed !== '' && trimmed.length <= 256 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(trimmed)
  return ok ? trimmed : undefined
}

/** The token fields of a credential. */
export interface TokenFields {
  accessToken: string
  tokenType: string
  expiresAt?: number
  refreshToken?: string
  idToken?: string
  /** The granted scopes; undefined when the response has no `scope`. */
  scopes?: string[]
}

const TOKEN = /^[\x21-\x7e]{1,16384}$/

/**
 * Checks the tokens of a response (openid-client checked their types; here: printable ASCII,
 * which is what a store may hold and a header may carry), registers each as a secret and
 * computes `expiresAt` from `now`.
 *
 * @throws NetworkError `BAD_RESPONSE` (exit 5) naming the field, never its value.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function tokenFields(response: TokenEndpointResponse, now: number, operation: string): TokenFields {
  const fields: TokenFields = {
    accessToken: token(response.access_token, 'access_token', operation),
    tokenType: tokenTypeName(response.token_type),
  }
  if (response.refresh_token !== undefined) fields.refreshToken = token(response.refresh_token, 'refresh_token', operation)
  if (response.id_token !== undefined) fields.idToken = token(response.id_token, 'id_token', operation)
  const expiresIn = response.expires_in
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0) fields.expiresAt = now + Math.floor(expiresIn * 1000)
  if (typeof response.scope === 'string') fields.scopes = response.scope.split(' ').filter((s) => s !== '')
  return fields
}

function token(value: unknown, field: string, operation: string): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new NetworkError(`${operation} failed: unexpected response: "${field}" is not a printable token`, {
      code: ErrorCode.BAD_RESPONSE, exitCode: ExitCode.NETWORK, hint: 'the authorization server sent a malformed token; report it to its operator',
    })
  }
  registerSecret(value)
  return value
}

/** `bearer` → `Bearer`, `dpop` → `DPoP` (openid-client lower-cases `token_type` and accepts only these). */
function tokenTypeName(type: unknown): string {
  if (type === 'dpop') return 'DPoP'
  return 'Bearer'
}
