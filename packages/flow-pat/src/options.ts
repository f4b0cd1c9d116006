import { normalizeHost, type Logger } from '@auth/core'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import type { PatFlowOptions } from './types.js'

const check: OptionChecker = optionChecker('@auth/flow-pat', 'createPatFlow')
// RFC 9110 §5.1 field-name (token)
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** {@link PatFlowOptions}, checked and with defaults. Configuration only: the token comes at login. Internal. */
export interface Settings {
  /** The product's command name, for hints; `undefined` when not given. */
  name: string | undefined
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
export function resolveOptions(options: PatFlowOptions): Settings {
  check.record(options, 'options')
  const allowInsecure = check.optionalBoolean(options.allowInsecure, 'allowInsecure') === true
  const host = normalizeHost(options.host, { allowInsecure })
  const url = (value: unknown, name: string): URL | undefined => (value === undefined ? undefined : check.httpUrl(value, name, { allowInsecure, base: `${host}/` }))
  const { fetch, logger, now } = check.runtime(options as unknown as Record<string, unknown>)
  return {
    name: check.productName(options.name, 'name'),
    host,
    profileUrl: url(options.profileUrl, 'profileUrl'),
    issuer: url(options.issuer, 'issuer'),
    allowInsecure,
    ...tenant(options),
    fetch,
    logger,
    now,
  }
}

function tenant(options: PatFlowOptions): Pick<Settings, 'tenant' | 'tenantHeaders'> {
  const { tenant: slug, tenantHeader = 'X-Tenant' } = options
  if (typeof tenantHeader !== 'string' || !HEADER_NAME.test(tenantHeader)) check.fail('tenantHeader', 'must be an HTTP header name')
  if (slug === undefined || slug === '') return { tenant: undefined, tenantHeaders: {} }
  check.string(slug, 'tenant')
  return { tenant: slug, tenantHeaders: { [tenantHeader]: slug } }
}
