// DeviceFlowOptions checked at the boundary and completed with defaults. Internal.
import { ConfigError, type Logger } from '@auth/core'
import { defaultSleep } from './_sleep.js'
import { checkUrl } from './_url.js'
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
  readonly cliName: string
  readonly isTTY: () => boolean
  readonly write: (text: string) => void
  readonly monotonicNow: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  readonly now: (() => number) | undefined
}

/** Throws ConfigError `@auth/flow-device: option "<name>" <what>`. */
export function invalidOption(name: string, what: string, hint?: string): never {
  throw new ConfigError(`@auth/flow-device: option "${name}" ${what}`, hint === undefined ? {} : { hint })
}

/**
 * Checks every option and applies the defaults.
 * @throws ConfigError `CONFIG_ERROR` naming the option.
 */
export function resolveOptions(options: DeviceFlowOptions): Settings {
  if (typeof options !== 'object' || options === null) invalidOption('options', 'must be an object')
  const allowInsecure = optionalBoolean(options.allowInsecure, 'allowInsecure') ?? false
  const isTTY = optionalBoolean(options.isTTY, 'isTTY')
  return {
    issuer: checkUrl(options.issuer, 'issuer', allowInsecure, true),
    clientId: clientId(options.clientId),
    scopes: scopes(options.scopes),
    intervalMs: options.interval === undefined ? undefined : interval(options.interval),
    maxNetworkRetries: retries(options.maxNetworkRetries),
    qr: optionalBoolean(options.qr, 'qr') ?? true,
    openBrowser: optionalFunction(options.openBrowser, 'openBrowser'),
    profileUrl: options.profileUrl === undefined ? undefined : checkUrl(options.profileUrl, 'profileUrl', allowInsecure, false),
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
    invalidOption('clientId', 'must be a non-empty string', 'pass the OAuth client id (--client-id, or AUTHCLI_CLIENT_ID)')
  }
  return value
}

function scopes(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_SCOPES
  const valid = Array.isArray(value) && value.every((s) => typeof s === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))
  if (!valid) invalidOption('scopes', 'must be an array of scope names (printable ASCII, no spaces, quotes or backslashes)')
  return Object.freeze([...new Set(value as string[])])
}

function interval(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 3600) {
    invalidOption('interval', 'must be a number of seconds greater than 0 and at most 3600')
  }
  return value * 1000
}

function retries(value: unknown): number {
  if (value === undefined) return 3
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    invalidOption('maxNetworkRetries', 'must be a whole number from 0 to 100')
  }
  return value
}

function cliName(value: unknown): string {
  if (value === undefined) return 'authcli'
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value)) {
    invalidOption('cliName', 'must be a command name: 1-64 printable ASCII characters, no spaces')
  }
  return value
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') invalidOption(name, 'must be a boolean')
  return value as boolean | undefined
}

function optionalFunction<T>(value: T | undefined, name: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') invalidOption(name, 'must be a function')
  return value
}

function logger(value: unknown): Logger | undefined {
  if (value === undefined) return undefined
  const ok = typeof value === 'object' && value !== null &&
    ['debug', 'info', 'warn', 'error'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  if (!ok) invalidOption('logger', 'must have debug, info, warn and error functions')
  return value as Logger
}
