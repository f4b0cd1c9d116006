import { normalizeHost, type Logger } from '@auth/core'
import { parseHttpUrl } from './_http-url.js'
import { invalid, isRecord } from './_invalid.js'
import type { PatFlowOptions } from './types.js'

const WHERE = 'createPatFlow'
// RFC 9110 §5.1 field-name (token)
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** {@link PatFlowOptions}, checked and normalised. Internal. */
export interface PatConfig {
  readToken: () => Promise<string>
  source: string
  warnArgv: boolean
  host: string
  profileUrl: URL | undefined
  issuer: URL | undefined
  allowInsecure: boolean
  tenantHeaders: Record<string, string>
  tenant: string | undefined
  fetch: typeof globalThis.fetch | undefined
  logger: Logger | undefined
  now: (() => number) | undefined
}

/**
 * Checks the factory options at once, so a mistake shows before any token is read.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the option.
 */
export function checkOptions(options: PatFlowOptions): PatConfig {
  if (!isRecord(options)) invalid(WHERE, '"options" must be an object')
  const allowInsecure = flag(options.allowInsecure, 'allowInsecure')
  const host = normalizeHost(options.host, { allowInsecure })
  const url = (value: unknown, name: string): URL | undefined => (value === undefined ? undefined : parseHttpUrl(value, WHERE, name, allowInsecure, `${host}/`))
  for (const name of ['fetch', 'now', 'readToken'] as const) if (options[name] !== undefined && typeof options[name] !== 'function') invalid(WHERE, `"${name}" must be a function`)
  return {
    ...tokenInput(options),
    warnArgv: flag(options.warnArgv, 'warnArgv'),
    host,
    profileUrl: url(options.profileUrl, 'profileUrl'),
    issuer: url(options.issuer, 'issuer'),
    allowInsecure,
    ...tenant(options),
    fetch: options.fetch,
    logger: options.logger,
    now: options.now,
  }
}

function tokenInput(options: PatFlowOptions): Pick<PatConfig, 'readToken' | 'source'> {
  const { token, readToken, source } = options
  if ((token === undefined) === (readToken === undefined)) invalid(WHERE, 'give exactly one of "token" and "readToken"')
  if (source !== undefined && (typeof source !== 'string' || source.trim() === '')) invalid(WHERE, '"source" must be a non-empty string')
  if (token !== undefined) return { readToken: async () => token, source: source ?? '--with-token' }
  return { readToken: readToken as () => Promise<string>, source: source ?? 'stdin' }
}

function tenant(options: PatFlowOptions): Pick<PatConfig, 'tenant' | 'tenantHeaders'> {
  const { tenant: slug, tenantHeader = 'X-Tenant' } = options
  if (typeof tenantHeader !== 'string' || !HEADER_NAME.test(tenantHeader)) invalid(WHERE, '"tenantHeader" must be an HTTP header name')
  if (slug === undefined || slug === '') return { tenant: undefined, tenantHeaders: {} }
  // eslint-disable-next-line no-control-regex
  if (typeof slug !== 'string' || /[\u0000-\u001f\u007f]/.test(slug)) invalid(WHERE, '"tenant" must be a string without control characters')
  return { tenant: slug, tenantHeaders: { [tenantHeader]: slug } }
}

function flag(value: unknown, name: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') invalid(WHERE, `"${name}" must be a boolean`)
  return value === true
}
