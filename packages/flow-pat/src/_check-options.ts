import { normalizeHost, type Logger } from '@auth/core'
import { invalidOption, isRecord, parseHttpUrl } from '@auth/core/kit'
import type { PatFlowOptions } from './types.js'

const PKG = '@auth/flow-pat'
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
  if (!isRecord(options)) return invalid('"options" must be an object')
  const allowInsecure = flag(options.allowInsecure, 'allowInsecure')
  const host = normalizeHost(options.host, { allowInsecure })
  const url = (value: unknown, name: string): URL | undefined => {
    if (value === undefined) return undefined
    if (typeof value !== 'string' && !(value instanceof URL)) invalid(`"${name}" must be a URL string`)
    return parseHttpUrl(value, { where: `${PKG}: ${WHERE}`, option: name, allowInsecure, base: `${host}/` })
  }
  for (const name of ['fetch', 'now', 'readToken'] as const) if (options[name] !== undefined && typeof options[name] !== 'function') invalid(`"${name}" must be a function`)
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
  if ((token === undefined) === (readToken === undefined)) invalid('give exactly one of "token" and "readToken"')
  if (source !== undefined && (typeof source !== 'string' || source.trim() === '')) invalid('"source" must be a non-empty string')
  if (token !== undefined) return { readToken: async () => token, source: source ?? 'the "token" option' }
  return { readToken: readToken as () => Promise<string>, source: source ?? 'stdin' }
}

function tenant(options: PatFlowOptions): Pick<PatConfig, 'tenant' | 'tenantHeaders'> {
  const { tenant: slug, tenantHeader = 'X-Tenant' } = options
  if (typeof tenantHeader !== 'string' || !HEADER_NAME.test(tenantHeader)) invalid('"tenantHeader" must be an HTTP header name')
  if (slug === undefined || slug === '') return { tenant: undefined, tenantHeaders: {} }
  if (typeof slug !== 'string' || /[\u0000-\u001f\u007f]/.test(slug)) invalid('"tenant" must be a string without control characters')
  return { tenant: slug, tenantHeaders: { [tenantHeader]: slug } }
}

function flag(value: unknown, name: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') invalid(`"${name}" must be a boolean`)
  return value === true
}

function invalid(what: string, hint?: string): never {
  return invalidOption(PKG, WHERE, what, hint)
}
