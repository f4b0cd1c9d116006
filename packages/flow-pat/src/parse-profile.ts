import { accountFromProfile, isRecord, sanitizeText } from '@auth/core/kit'
import { badResponse } from './bad-response.js'
import { parseExpiry } from './expiry.js'
import { scopeArray, splitScopes } from './scopes.js'
import type { PatProfile } from './types.js'

const TEXT_FIELDS = ['login', 'preferred_username', 'name', 'email', 'sub'] as const
const EXPIRY_HEADER = 'github-authentication-token-expiration'

/**
 * Checks every field of a profile response (GitHub `/user`, OIDC userinfo, the dev server's
 * `/api/v1/profile`), then maps it with core's `accountFromProfile` (the one mapping every flow
 * uses: `login` = `preferred_username` ?? `login`, `id` = `sub` ?? `id`, `name`, `email`), and keeps
 * the scopes and expiry. `null` counts as absent. Internal.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when the body is not an object, a field has the
 * wrong type or control characters, or nothing names the account.
 */
export function parseProfile(body: unknown, headers: Headers, where: string): PatProfile {
  if (!isRecord(body)) throw badResponse(where, 'the body is not a JSON object')
  for (const field of TEXT_FIELDS) textField(body[field], field, where)
  idField(body['id'], where)
  const account = accountFromProfile(body)
  if (account.login === undefined && account.id === undefined) throw badResponse(where, 'the body names no account (no login, preferred_username, id or sub)')
  const scopes = readScopes(body, headers, where)
  const expiresAt = parseExpiry(headers.get(EXPIRY_HEADER) ?? body['expires_at'], 'the token expiry', where)
  return stripUndefined({ ...account, scopes, expiresAt })
}

function readScopes(body: Record<string, unknown>, headers: Headers, where: string): string[] | undefined {
  const header = headers.get('x-oauth-scopes')
  if (header !== null) return splitScopes(header, where)
  if (body['scopes'] !== undefined && body['scopes'] !== null) return scopeArray(body['scopes'], where)
  const scope = body['scope']
  if (scope === undefined || scope === null) return undefined
  if (typeof scope !== 'string') throw badResponse(where, '"scope" must be a string')
  return splitScopes(scope, where)
}

function textField(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || value.length > 512 || (field !== 'name' && sanitizeText(value, 512) !== value.trim()))
    throw badResponse(where, `"${field}" must be a string without control characters`)
  return value === '' ? undefined : value
}

function idField(value: unknown, where: string): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw badResponse(where, '"id" must be a string or an integer')
    return String(value)
  }
  return textField(value, 'id', where)
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

function stripUndefined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>
}
