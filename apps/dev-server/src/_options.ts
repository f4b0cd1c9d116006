// DevServerOptions checked and completed with defaults.
import { DEFAULT_REFRESH_TOKEN_TTL, type Lifetimes } from './_ttl.js'
import type { DevServerOptions, ResourceServerOptions, TamperOptions } from './types.js'

/** The options after checks and defaults. */
export interface Settings {
  readonly port: number
  readonly lifetimes: Lifetimes
  readonly deviceInterval: number | undefined
  readonly clockTolerance: number
  readonly clientSecret: string | undefined
  readonly resourceServers: readonly ResourceServerOptions[]
  readonly registration: boolean
  readonly tamper: TamperOptions
  /** The ID-JAGs' `client_id` when cross-app access is on; `undefined` when off. */
  readonly crossAppAccess: { readonly clientIdAtAudience: string; readonly trustedIssuers: readonly string[] } | undefined
}

/**
 * Checks `options` and applies the defaults.
 * @throws TypeError naming the option when a value is out of range.
 */
export function resolveOptions(options: DevServerOptions): Settings {
  const accessToken = seconds(options, 'accessTokenTtl', 3600)
  return {
    port: port(options.port),
    lifetimes: {
      accessToken,
      refreshedAccessToken: seconds(options, 'refreshedAccessTokenTtl', accessToken),
      refreshToken: seconds(options, 'refreshTokenTtl', DEFAULT_REFRESH_TOKEN_TTL),
      deviceCode: seconds(options, 'deviceCodeTtl', 600),
    },
    deviceInterval: options.deviceInterval === undefined ? undefined : positive(options.deviceInterval, 'deviceInterval'),
    clockTolerance: nonNegativeInteger(options.clockTolerance ?? 0, 'clockTolerance'),
    clientSecret: secret(options.clientSecret),
    resourceServers: resourceServers(options.resourceServers),
    registration: options.registration === true,
    tamper: tamper(options.tamper),
    crossAppAccess: crossAppAccess(options.crossAppAccess),
  }
}

type TtlOption = 'accessTokenTtl' | 'refreshedAccessTokenTtl' | 'refreshTokenTtl' | 'deviceCodeTtl'

function seconds(options: DevServerOptions, name: TtlOption, fallback: number): number {
  const value = options[name] ?? fallback
  if (!Number.isInteger(value) || value < 1) throw optionError(name, 'a whole number of seconds, at least 1', value)
  return value
}

function port(value: number | undefined = 0): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw optionError('port', 'an integer 0-65535', value)
  return value
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw optionError(name, 'a positive number of seconds', value)
  return value
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw optionError(name, 'a whole number of seconds, 0 or more', value)
  return value
}

function secret(value: string | undefined): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value.length < 8)) {
    throw optionError('clientSecret', 'a string of at least 8 characters', '(hidden)')
  }
  return value
}

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/

function resourceServers(value: readonly ResourceServerOptions[] | undefined = []): readonly ResourceServerOptions[] {
  if (!Array.isArray(value)) throw optionError('resourceServers', 'an array of { resource, scopes }', value)
  return value.map((entry: ResourceServerOptions, i) => {
    const name = `resourceServers[${i}]`
    const url = parseUrl(entry?.resource)
    if (url === null || !/^https?:$/.test(url.protocol) || url.hash !== '' || String(entry.resource).includes('#')) {
      throw optionError(`${name}.resource`, 'an absolute http(s) URL without fragment', entry?.resource)
    }
    if (!Array.isArray(entry.scopes) || !entry.scopes.every((s) => typeof s === 'string' && SCOPE.test(s))) {
      throw optionError(`${name}.scopes`, 'an array of scope tokens', entry.scopes)
    }
    return { resource: url.href, scopes: [...entry.scopes] }
  })
}

function parseUrl(value: unknown): URL | null {
  try {
    return new URL(String(value))
  } catch {
    return null
  }
}

function crossAppAccess(value: DevServerOptions['crossAppAccess']): Settings['crossAppAccess'] {
  if (value === undefined || value === false) return undefined
  if (value === true) return { clientIdAtAudience: 'authcli-confidential', trustedIssuers: [] }
  const id = value?.clientIdAtAudience ?? 'authcli-confidential'
  if (typeof id !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(id)) throw optionError('crossAppAccess.clientIdAtAudience', 'a client id', id)
  const trusted = value?.trustedIssuers ?? []
  if (!Array.isArray(trusted) || !trusted.every((i) => parseUrl(i) !== null && /^https?:/.test(String(i)))) throw optionError('crossAppAccess.trustedIssuers', 'an array of issuer URLs', trusted)
  return { clientIdAtAudience: id, trustedIssuers: trusted.map((i) => String(i).replace(/\/$/, '')) }
}

const AUTHORIZATION_TAMPERING = ['wrong-iss', 'no-iss', 'wrong-state']

function tamper(value: TamperOptions | undefined = {}): TamperOptions {
  const { authorizationResponse, metadata } = value
  if (authorizationResponse !== undefined && !AUTHORIZATION_TAMPERING.includes(authorizationResponse)) {
    throw optionError('tamper.authorizationResponse', AUTHORIZATION_TAMPERING.join(' | '), authorizationResponse)
  }
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw optionError('tamper.metadata', 'an object', metadata)
  }
  return { ...value }
}

function optionError(name: string, expected: string, got: unknown): TypeError {
  return new TypeError(`@auth/dev-server: option "${name}" must be ${expected}, got ${String(got)}`)
}
