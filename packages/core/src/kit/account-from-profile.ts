import { sanitizeText } from './sanitize-text.js'
import type { AccountInfo } from '../model/types.js'

/** The longest account field taken; a longer one is ignored. */
const MAX_LENGTH = 256

/**
 * The one mapping of a profile (OIDC userinfo, ID token claims, GitHub's `/user`, a product's
 * `/me`) to the {@link AccountInfo} a credential is stored under and `whoami` shows, so that one
 * user is never stored under two keys by two flows:
 *
 * - `login` = `preferred_username` ?? `login` (OIDC first, then GitHub-style);
 * - `name` = `name`; `email` = `email`;
 * - `id` = `sub` ?? `id` (a safe integer id becomes a string).
 *
 * With several sources (a userinfo answer, then the ID token's claims), each field is looked up
 * name by name in that order across all sources: a `preferred_username` anywhere wins over a
 * `login` anywhere. A field is taken only when it is a string of at most 256 characters that
 * holds no control or invisible format character (bidi overrides, zero-width): an identity is
 * never "cleaned" into another one; `name`, shown only, is cleaned with `sanitizeText` instead.
 * Anything else is ignored, field by field; `null` counts as absent.
 *
 * @param sources - Profile objects, most trusted first; non-objects are ignored.
 * @returns The account; `{}` when nothing usable was found.
 * @throws Never.
 * @example
 * ```ts
 * accountFromProfile({ preferred_username: 'alice', login: 'al', sub: 'u-1' }) // { login: 'alice', id: 'u-1' }
 * accountFromProfile(userinfo, idTokenClaims)
 * ```
 * @see https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims
 */
export function accountFromProfile(...sources: unknown[]): AccountInfo {
  const records = sources.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s))
  const pick = (names: string[], read: (value: unknown) => string | undefined): string | undefined => {
    for (const name of names)
      for (const record of records) {
        const value = read(record[name])
        if (value !== undefined) return value
      }
    return undefined
  }
  const account: AccountInfo = {}
  const login = pick(['preferred_username', 'login'], identity)
  if (login !== undefined) account.login = login
  const name = pick(['name'], display)
  if (name !== undefined) account.name = name
  const email = pick(['email'], identity)
  if (email !== undefined) account.email = email
  const id = pick(['sub', 'id'], (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : identity(v)))
  if (id !== undefined) account.id = id
  return account
}

function identity(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed !== '' && trimmed.length <= MAX_LENGTH && sanitizeText(trimmed, MAX_LENGTH) === trimmed ? trimmed : undefined
}

function display(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 4 * MAX_LENGTH) return undefined
  const clean = sanitizeText(value, MAX_LENGTH)
  return clean === '' ? undefined : clean
}
