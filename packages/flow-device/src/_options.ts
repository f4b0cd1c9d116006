// DeviceFlowOptions checked at the boundary and completed with defaults. Internal.
import type { Logger } from '@auth/core'
import { invalidOption, isScopeToken, parseHttpUrl } from '@auth/core/kit'
import { defaultSleep } from './_sleep.js'
import type { DeviceFlowOptions } from './types.js'

/** The default scopes: an ID token, the profile for `whoami`, and a refresh token. */
export const DEFAULT_SCOPES: readonly string[] = Object.freeze(['openid', 'profile', 'email', 'offline_access'])

/** The options after checks and defaults. */
export interface Settings {
  readonly issuer: URL
  readonly clientId: string
  readonly scopes: readonly string[]
  /** Milliseconds; undefined = the server's interval, else 5 s. */
  readonly intervalMs: number | undefined
  readonly maxNetworkRetries: number
  readonly qr: boolean
  readonly openBrowser: ((url: string) => Promise<boolean>) | undefined
  readonly profileUrl: URL | undefined
  readonly allowInsecure: boolean
  /** The product's command, for hints; undefined: hints name no command. */
  readonly cliName: string | undefined
  readonly isTTY: () => boolean
  readonly write: (text: string) => void
  readonly monotonicNow: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  readonly now: (() => number) | undefined
}

const PKG = '@auth/flow-device'
const WHERE = 'createDeviceFlow'

/** Throws ConfigError `@auth/flow-device: createDeviceFlow: "<name>" <what>` (core's `invalidOption`). */
function invalid(name: string, what: string, hint?: string): never {
  return invalidOption(PKG, WHERE, `"${name}" ${what}`, hint)
}

/** An http(s) URL option: https, or http on loopback (or with `allowInsecure`); an issuer without query or fragment. */
function url(value: unknown, name: string, allowInsecure: boolean, issuer: boolean): URL {
  if (typeof value !== 'string') invalid(name, 'must be an http(s) URL')
  return parseHttpUrl(value, { where: `${PKG}: ${WHERE}`, option: name, allowInsecure, noQuery: issuer })
}

/**
 * Checks every option and applies the defaults.
 * @throws ConfigError `CONFIG_ERROR` naming the option.
 */
export function resolveOptions(options: DeviceFlowOptions): Settings {
  if (typeof options !== 'object' || options === null) invalid('options', 'must be an object')
  const allowInsecure = optionalBoolean(options.allowInsecure, 'allowInsecure') ?? false
  const isTTY = optionalBoolean(options.isTTY, 'isTTY')
  return {
    issuer: url(options.issuer, 'issuer', allowInsecure, true),
    clientId: clientId(options.clientId),
    scopes: scopes(options.scopes),
    intervalMs: options.interval === undefined ? undefined : interval(options.interval),
    maxNetworkRetries: retries(options.maxNetworkRetries),
    qr: optionalBoolean(options.qr, 'qr') ?? true,
    openBrowser: optionalFunction(options.openBrowser, 'openBrowser'),
    profileUrl: options.profileUrl === undefined ? undefined : url(options.profileUrl, 'profileUrl', allowInsecure, false),
    allowInsecure,
    cliName: cliName(options.cliName),
    isTTY: isTTY === undefined ? () => process.stderr.isTTY === true : () => isTTY,
    write: optionalFunction(options.write, 'write') ?? ((text) => void process.stderr.write(text)),
    monotonicNow: optionalFunction(options.monotonicNow, 'monotonicNow') ?? (() => performance.now()),
    sleep: optionalFunction(options.sleep, 'sleep') ?? defaultSleep,
    fetch: optionalFunction(options.fetch, 'fetch'),
    logger: logger(options.logger),
    now: optionalFunction(options.now, 'now'),
  }
}

function clientId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u001f\u007f]/.test(value)) {
    invalid('clientId', 'must be a non-empty string', 'pass the OAuth client id registered for this CLI')
  }
  return value
}

function scopes(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_SCOPES
  const valid = Array.isArray(value) && value.every(isScopeToken)
  if (!valid) invalid('scopes', 'must be an array of scope names (printable ASCII, no spaces, quotes or backslashes)')
  return Object.freeze([...new Set(value as string[])])
}

function interval(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 3600) {
    invalid('interval', 'must be a number of seconds greater than 0 and at most 3600')
  }
  return value * 1000
}

function retries(value: unknown): number {
  if (value === undefined) return 3
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    invalid('maxNetworkRetries', 'must be a whole number from 0 to 100')
  }
  return value
}

function cliName(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value)) {
    invalid('cliName', 'must be a command name: 1-64 printable ASCII characters, no spaces')
  }
  return value
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') invalid(name, 'must be a boolean')
  return value as boolean | undefined
}

function optionalFunction<T>(value: T | undefined, name: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') invalid(name, 'must be a function')
  return value
}

function logger(value: unknown): Logger | undefined {
  if (value === undefined) return undefined
  const ok = typeof value === 'object' && value !== null && ['debug', 'info', 'warn', 'error'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  if (!ok) invalid('logger', 'must have debug, info, warn and error functions')
  return value as Logger
}
