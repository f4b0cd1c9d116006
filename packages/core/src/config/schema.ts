/** The config schema: what each key holds and how it is checked. Internal. */
import { normalizeHostAs, parseHttpUrl } from '../kit/parse-http-url.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import type { ConfigKey, ProfileConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'

/** Reports a problem with a value; the caller adds where (file and line, flag, env var). */
export type Fail = (problem: string, hint?: string) => never

interface Field {
  prop: keyof ProfileConfig
  /** Checks a value as found in TOML (or an option), returns it normalised. */
  check(value: unknown, fail: Fail): unknown
  /** Parses a value typed on the command line (`config set`), default: as `check`. */
  fromText?(text: string, fail: Fail): unknown
}

export const FLOWS = ['pkce', 'device', 'client-credentials', 'pat'] as const
export const STORES = ['auto', 'keychain', 'file', 'encrypted', 'memory'] as const
export const DEFAULT_TENANT_HEADER = 'X-Tenant'
const PROFILE_NAME = /^[A-Za-z0-9_.-]+$/
const CONTROL = /[\u0000-\u001f\u007f]/

const string = (value: unknown, fail: Fail): string => {
  if (typeof value !== 'string') return fail('must be a string', 'put the value in double quotes')
  const text = value.trim()
  if (text === '') return fail('must not be empty')
  if (CONTROL.test(text)) return fail('must not contain control characters')
  return text
}
const matching =
  (re: RegExp, what: string) =>
  (value: unknown, fail: Fail): string => {
    const text = string(value, fail)
    return re.test(text) ? text : fail(`must be ${what}`)
  }
const oneOf =
  (values: readonly string[]) =>
  (value: unknown, fail: Fail): string => {
    const text = string(value, fail)
    return values.includes(text) ? text : fail(`must be one of ${values.join(', ')} (got "${sanitizeText(text, 40)}")`)
  }
const url =
  (what: string, normalise: boolean) =>
  (value: unknown, fail: Fail): string => {
    const text = string(value, fail)
    try {
      if (normalise) return normalizeHostAs(text, what, true)
      parseHttpUrl(text, { what, allowInsecure: true })
      return text
    } catch (error) {
      return ConfigError.isInstance(error) ? fail(error.message.replace(`${what} `, ''), error.hint) : fail('is not a valid URL')
    }
  }
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/
const scopes = (value: unknown, fail: Fail): string[] => {
  if (!Array.isArray(value)) return fail('must be an array of strings', 'write scopes = ["openid", "profile"]')
  return value.map((s) => (typeof s === 'string' && SCOPE.test(s) ? s : fail('must hold scope names without spaces or quotes')))
}

export const FIELDS: Record<ConfigKey, Field> = {
  host: { prop: 'host', check: url('host', true) },
  issuer: { prop: 'issuer', check: url('issuer', false) },
  client_id: { prop: 'clientId', check: string },
  flow: { prop: 'flow', check: oneOf(FLOWS) },
  scopes: { prop: 'scopes', check: scopes, fromText: (text, fail) => scopes(text.split(/[\s,]+/).filter(Boolean), fail) },
  tenant: { prop: 'tenant', check: matching(/^[\x21-\x7e]+$/, 'printable ASCII without spaces') },
  tenant_header: { prop: 'tenantHeader', check: matching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name') },
  store: { prop: 'store', check: oneOf(STORES) },
  profile_url: { prop: 'profileUrl', check: url('profile_url', false) },
  client_secret_env: { prop: 'clientSecretEnv', check: matching(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') },
  client_secret_file: { prop: 'clientSecretFile', check: string },
  ca_file: { prop: 'caFile', check: string },
  // The same rule as a credential key's account: non-empty, no control characters.
  account: { prop: 'account', check: string },
}

/** Checks a profile name: `[A-Za-z0-9_.-]+`, not `__proto__`. */
export function checkProfileName(value: unknown, fail: Fail): string {
  if (typeof value !== 'string' || !PROFILE_NAME.test(value) || value === '__proto__') {
    return fail('a profile name must be letters, digits, "_", "-" or "."')
  }
  return value
}

/** A ConfigError-throwing {@link Fail} that prefixes `label: `. */
export function failWith(label: string): Fail {
  return (problem, hint) => {
    throw new ConfigError(`${label}: ${problem}`, hint === undefined ? {} : { hint })
  }
}
