// Who a credential belongs to, from ID token claims and a profile response. Internal.
import type { AccountInfo } from '@auth/core'

type Fields = Record<string, unknown>

/**
 * The account of a login: `login` = `preferred_username` ?? `login` ?? `sub`, `name`, `email`,
 * `id` = `sub`. The profile (userinfo or `profileUrl`) wins over the ID token claims. Only
 * printable strings of at most 256 characters are taken (an integer id is turned into a
 * string); anything else is ignored, field by field.
 */
export function accountFrom(claims: unknown, profile: unknown): AccountInfo {
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
