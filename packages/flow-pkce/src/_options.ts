// PkceFlowOptions checked at the boundary and completed with defaults. Internal.
import type { Logger } from '@auth/core'
import { invalidOption as invalid, isScopeToken, parseHttpUrl } from '@auth/core/kit'
import { openInBrowser } from './open-in-browser.js'
import type { PasteInput, PkceFlowOptions } from './types.js'

const PKG = '@auth/flow-pkce'
const WHERE = 'createPkceFlow'

/** The default scopes: an ID token, the profile for `whoami`, and a refresh token. */
export const DEFAULT_SCOPES: readonly string[] = Object.freeze(['openid', 'profile', 'email', 'offline_access'])
/** RFC 8252 loopback ports a client registers; the first free one is used. */
export const DEFAULT_PORTS: readonly [number, number] = [8765, 8769]
/** How long a login waits for the user by default. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000

/** Parameters the flow sets itself; `authorizationParams` may not override them. */
const RESERVED = new Set(['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'resource', 'request', 'request_uri', 'response_mode'])

/** The options after checks and defaults. */
export interface Settings {
  readonly issuer: URL
  readonly clientId: string
  readonly scopes: readonly string[]
  readonly resources: readonly string[]
  readonly authorizationParams: Readonly<Record<string, string>>
  readonly browser: boolean
  /** No-browser mode with the out-of-band redirect (`urn:ietf:wg:oauth:2.0:oob`). */
  readonly outOfBand: boolean
  readonly ports: readonly number[]
  /** `8765-8769`, or `8765`. */
  readonly rangeLabel: string
  readonly timeoutMs: number
  readonly openBrowser: (url: string) => Promise<boolean>
  readonly successHtml: string | undefined
  readonly failureHtml: string | undefined
  readonly profileUrl: URL | undefined
  readonly allowInsecure: boolean
  readonly cliName: string | undefined
  /** Where pasted text is read from without a prompter; resolved at login (stdin by default). */
  readonly input: () => PasteInput | undefined
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  readonly signal: AbortSignal | undefined
  readonly now: (() => number) | undefined
}

/** Throws ConfigError `@auth/flow-pkce: createPkceFlow: "<name>" <what>`. */
export function invalidOption(name: string, what: string, hint?: string): never {
  return invalid(PKG, WHERE, `"${name}" ${what}`, hint)
}

/**
 * Checks every option and applies the defaults.
 * @throws ConfigError `CONFIG_ERROR` naming the option.
 */
export function resolveOptions(options: PkceFlowOptions): Settings {
  if (typeof options !== 'object' || options === null) invalidOption('options', 'must be an object')
  const allowInsecure = optionalBoolean(options.allowInsecure, 'allowInsecure') ?? false
  if (options.outOfBand === true && options.browser !== false) invalidOption('outOfBand', 'applies to the no-browser mode only', 'pass browser: false with it')
  const ports = portsOf(options.port, options.portRange)
  return {
    issuer: parseHttpUrl(options.issuer, { where: `${PKG}: ${WHERE}`, option: 'issuer', allowInsecure, noQuery: true }),
    clientId: clientId(options.clientId),
    scopes: scopes(options.scopes),
    resources: resources(options.resource),
    authorizationParams: params(options.authorizationParams),
    browser: optionalBoolean(options.browser, 'browser') ?? true,
    outOfBand: optionalBoolean(options.outOfBand, 'outOfBand') ?? false,
    ports: ports.list,
    rangeLabel: ports.label,
    timeoutMs: timeout(options.timeoutMs),
    openBrowser: optionalFunction(options.openBrowser, 'openBrowser') ?? ((url) => openInBrowser(url)),
    successHtml: html(options.successHtml, 'successHtml'),
    failureHtml: html(options.failureHtml, 'failureHtml'),
    profileUrl: options.profileUrl === undefined ? undefined : parseHttpUrl(options.profileUrl, { where: `${PKG}: ${WHERE}`, option: 'profileUrl', allowInsecure }),
    allowInsecure,
    cliName: cliName(options.cliName),
    input: input(options.input),
    fetch: optionalFunction(options.fetch, 'fetch'),
    logger: logger(options.logger),
    signal: signal(options.signal),
    now: optionalFunction(options.now, 'now'),
  }
}

function clientId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u001f\u007f]/.test(value)) {
    invalidOption('clientId', 'must be a non-empty string', 'pass the OAuth client id this product registered at the authorization server')
  }
  return value
}

function scopes(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_SCOPES
  const valid = Array.isArray(value) && value.every(isScopeToken)
  if (!valid) invalidOption('scopes', 'must be an array of scope names (printable ASCII, no spaces, quotes or backslashes)')
  return Object.freeze([...new Set(value as string[])])
}

function resources(value: unknown): readonly string[] {
  if (value === undefined) return []
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list)) invalidOption('resource', 'must be a URI or an array of URIs')
  for (const item of list) {
    let url: URL | undefined
    try {
      url = typeof item === 'string' ? new URL(item) : undefined
    } catch {
      url = undefined
    }
    if (url === undefined || url.hash !== '') invalidOption('resource', 'must hold absolute URIs without a fragment (RFC 8707 §2)')
  }
  return Object.freeze([...new Set(list as string[])])
}

function params(value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalidOption('authorizationParams', 'must be an object of strings')
  const out: Record<string, string> = {}
  for (const [name, text] of Object.entries(value)) {
    if (RESERVED.has(name) || name.startsWith('code_challenge')) invalidOption('authorizationParams', `must not set "${name}" (the flow sets it)`)
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name) || typeof text !== 'string' || /[\u0000-\u001f\u007f]/.test(text)) {
      invalidOption('authorizationParams', `"${name.slice(0, 64)}" must be a string without control characters`)
    }
    out[name] = text
  }
  return Object.freeze(out)
}

function portsOf(port: unknown, range: unknown): { list: number[]; label: string } {
  if (port !== undefined) {
    if (port !== 0 && !isPort(port)) invalidOption('port', 'must be a whole number from 1 to 65535 (or 0: any free port)')
    return { list: [port], label: String(port) }
  }
  if (range === undefined) range = DEFAULT_PORTS
  const ok = Array.isArray(range) && range.length === 2 && isPort(range[0]) && isPort(range[1]) && range[0] <= range[1] && range[1] - range[0] < 1000
  if (!ok) invalidOption('portRange', 'must be [first, last]: ports from 1 to 65535, first <= last, at most 1000 ports')
  const [first, last] = range as [number, number]
  return { list: Array.from({ length: last - first + 1 }, (_, i) => first + i), label: first === last ? String(first) : `${first}-${last}` }
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535
}

function timeout(value: unknown): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 86_400_000) {
    invalidOption('timeoutMs', 'must be a number of milliseconds greater than 0 and at most one day')
  }
  return value
}

function html(value: unknown, name: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value.length > 100_000)) invalidOption(name, 'must be an HTML document of at most 100000 characters')
  return value as string | undefined
}

function cliName(value: unknown): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value))) {
    invalidOption('cliName', 'must be a command name: 1-64 printable ASCII characters, no spaces')
  }
  return value as string | undefined
}

function input(value: unknown): () => PasteInput | undefined {
  if (value === null) return () => undefined
  if (value === undefined) return () => process.stdin
  if (typeof value !== 'object' || typeof (value as PasteInput)[Symbol.asyncIterator] !== 'function') invalidOption('input', 'must be a readable stream (async iterable), or null')
  return () => value as PasteInput
}

function signal(value: unknown): AbortSignal | undefined {
  if (value !== undefined && !(value instanceof AbortSignal)) invalidOption('signal', 'must be an AbortSignal')
  return value as AbortSignal | undefined
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
  const ok = typeof value === 'object' && value !== null && ['debug', 'info', 'warn', 'error'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  if (!ok) invalidOption('logger', 'must have debug, info, warn and error functions')
  return value as Logger
}
