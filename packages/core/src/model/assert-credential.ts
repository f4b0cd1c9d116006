import { isRecord } from '../kit/assert.js'
import { StorageError } from '../errors/classes.js'
import type { AccountInfo, Credential } from './types.js'

type Check = (value: unknown) => boolean
const CONTROL = /[\u0000-\u001f\u007f]/
const text: Check = (v) => typeof v === 'string' && v !== '' && !CONTROL.test(v)
const anyString: Check = (v) => typeof v === 'string'
const time: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0
const bool: Check = (v) => typeof v === 'boolean'
const strings: Check = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string')

const REQUIRED: Record<string, Check> = { accessToken: text, tokenType: text, scopes: strings, flow: text, obtainedAt: time }
const OPTIONAL: Record<string, Check> = {
  expiresAt: time,
  refreshToken: text,
  idToken: text,
  tenant: anyString,
  issuer: anyString,
  clientId: anyString,
  source: anyString,
  needsLogin: bool,
}
const ACCOUNT_FIELDS = ['login', 'name', 'email', 'id'] as const

/**
 * Checks an untrusted value (a store's file or keychain entry, a flow's result) field by field
 * and returns a clean {@link Credential} holding only the known fields. Optional fields may be
 * absent or `null`. Error messages name the source and the field, never a value.
 *
 * @param value - Parsed JSON, or anything.
 * @param source - Where it came from, for the message: `keychain`, `file ~/.mycli/credentials`.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when any field is missing or of the wrong type.
 * @example
 * ```ts
 * const credential = assertCredential(JSON.parse(text), `file ${path}`)
 * ```
 * @see {@link createMemoryStore}, which validates what it is given the same way.
 */
export function assertCredential(value: unknown, source: string): Credential {
  const fail = (field: string): never => {
    throw new StorageError(`invalid credential from ${String(source)}: ${field}`, {
      hint: 'log in again to replace it',
    })
  }
  if (!isRecord(value)) return fail('not an object')
  const out: Record<string, unknown> = {}
  for (const [field, ok] of Object.entries(REQUIRED)) {
    if (!ok(value[field])) fail(`"${field}" is missing or of the wrong type`)
    out[field] = field === 'scopes' ? [...(value[field] as string[])] : value[field]
  }
  for (const [field, ok] of Object.entries(OPTIONAL)) {
    const v = value[field]
    if (v === undefined || v === null) continue
    if (!ok(v)) fail(`"${field}" is of the wrong type`)
    out[field] = v
  }
  out['account'] = checkAccountInfo(value['account'], fail)
  return out as unknown as Credential
}

function checkAccountInfo(value: unknown, fail: (field: string) => never): AccountInfo {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) return fail('"account" must be an object')
  const account: Record<string, string> = {}
  for (const field of ACCOUNT_FIELDS) {
    const v = value[field]
    if (v === undefined || v === null) continue
    if (typeof v !== 'string') fail(`"account.${field}" must be a string`)
    account[field] = v as string
  }
  return account
}
