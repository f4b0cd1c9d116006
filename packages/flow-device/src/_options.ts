// DeviceFlowOptions checked at the boundary and completed with defaults. Internal.
import type { RuntimeOptions } from '@auth/core'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import { defaultSleep } from './_sleep.js'
import type { DeviceFlowOptions } from './types.js'

/** The default scopes: an ID token, the profile for `whoami`, and a refresh token. */
export const DEFAULT_SCOPES: readonly string[] = Object.freeze(['openid', 'profile', 'email', 'offline_access'])

/** The options after checks and defaults. */
export interface Settings extends Readonly<RuntimeOptions> {
  readonly issuer: URL
  readonly clientId: string
  readonly scopes: readonly string[]
  /** Milliseconds; undefined = the server's interval, else 5 s. */
  readonly intervalMs: number | undefined
  readonly maxNetworkRetries: number
  readonly qr: boolean
  /** Paint the QR code black on white (ANSI), for light and dark themes alike. */
  readonly qrColors: boolean
  readonly openBrowser: ((url: string) => Promise<boolean>) | undefined
  readonly profileUrl: URL | undefined
  readonly resources: readonly string[]
  readonly serverMetadata: Readonly<Record<string, unknown>> | undefined
  readonly allowInsecure: boolean
  /** The product's command, for hints; undefined: hints name no command. */
  readonly name: string | undefined
  /** The product's own login command for this flow, named in hints instead of `<name> auth login --device`. */
  readonly loginCommand: string | undefined
  readonly isTTY: () => boolean
  readonly write: (text: string) => void
  readonly monotonicNow: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

/**
 * Checks every option (core's `optionChecker`) and applies the defaults.
 * @throws ConfigError `CONFIG_ERROR` naming the option: `@auth/flow-device: createDeviceFlow: "<name>" ...`.
 */
export function resolveOptions(options: DeviceFlowOptions): Settings {
  const check: OptionChecker = optionChecker('@auth/flow-device', 'createDeviceFlow')
  check.record(options, 'options')
  const allowInsecure = check.optionalBoolean(options.allowInsecure, 'allowInsecure') ?? false
  const isTTY = check.optionalBoolean(options.isTTY, 'isTTY')
  return {
    issuer: check.httpUrl(options.issuer, 'issuer', { allowInsecure, issuer: true }),
    clientId: check.string(options.clientId, 'clientId', 'pass the OAuth client id registered for this product'),
    scopes: check.scopes(options.scopes, 'scopes', DEFAULT_SCOPES),
    resources: check.resources(options.resource, 'resource'),
    serverMetadata: serverMetadata(check, options.serverMetadata, options.issuer),
    intervalMs: check.durationMs(options.intervalMs, 'intervalMs', { min: 1, max: 3_600_000 }, undefined),
    maxNetworkRetries: check.integer(options.maxNetworkRetries, 'maxNetworkRetries', { min: 0, max: 100 }, 3),
    qr: check.optionalBoolean(options.qr, 'qr') ?? true,
    qrColors: check.optionalBoolean(options.qrColors, 'qrColors') ?? (process.env['NO_COLOR'] ?? '') === '',
    openBrowser: check.optionalFunction(options.openBrowser, 'openBrowser'),
    profileUrl: options.profileUrl === undefined ? undefined : check.httpUrl(options.profileUrl, 'profileUrl', { allowInsecure }),
    allowInsecure,
    name: check.productName(options.name, 'name'),
    loginCommand: check.optionalString(options.loginCommand, 'loginCommand'),
    isTTY: isTTY === undefined ? () => process.stderr.isTTY === true : () => isTTY,
    write: check.optionalFunction(options.write, 'write') ?? ((text) => void process.stderr.write(text)),
    monotonicNow: check.optionalFunction(options.monotonicNow, 'monotonicNow') ?? (() => performance.now()),
    sleep: check.optionalFunction(options.sleep, 'sleep') ?? defaultSleep,
    ...check.runtime(options as unknown as Record<string, unknown>),
  }
}

function serverMetadata(check: OptionChecker, value: unknown, issuer: unknown): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) check.fail('serverMetadata', 'must be an authorization server metadata object')
  const metadata = value as Record<string, unknown>
  const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.replace(/\/+$/, '') === b.replace(/\/+$/, '')
  if (!same(metadata.issuer, issuer)) check.fail('serverMetadata', 'must be the metadata of "issuer" (its "issuer" field differs)')
  return Object.freeze({ ...metadata })
}
