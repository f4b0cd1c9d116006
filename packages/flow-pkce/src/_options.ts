// PkceFlowOptions checked at the boundary and completed with defaults. Internal.
import { isAbsolute } from 'node:path'
import type { RuntimeOptions } from '@auth/core'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import { tryOpenInBrowser, type OpenAttempt } from './open-in-browser.js'
import type { PasteInput, PkceFlowOptions } from './types.js'

/** The default scopes: an ID token, the profile for `whoami`, and a refresh token. */
export const DEFAULT_SCOPES: readonly string[] = Object.freeze(['openid', 'profile', 'email', 'offline_access'])
/** RFC 8252 loopback ports a client registers; the first free one is used. */
export const DEFAULT_PORTS: readonly [number, number] = [8765, 8769]
/** How long a login waits for the user by default. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000

/** Parameters the flow sets itself; `authorizationParams` may not override them. */
const RESERVED = new Set(['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'resource', 'request', 'request_uri', 'response_mode'])

/** The options after checks and defaults. */
export interface Settings extends Readonly<RuntimeOptions> {
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
  /** Opens the page: the product's `openBrowser` (no reasons), else {@link tryOpenInBrowser} (why each opener failed). */
  readonly openBrowser: (url: string) => Promise<OpenAttempt>
  /** The programmatic authorization step (gets the URL itself); undefined: `openBrowser` with the launch page. */
  readonly openUrl: ((url: string) => Promise<unknown>) | undefined
  readonly clientSecret: string | undefined
  readonly clientAuthMethod: 'client_secret_basic' | 'client_secret_post'
  readonly serverMetadata: Readonly<Record<string, unknown>> | undefined
  /** Where the private launch page's folder is made; undefined: the login context's `dir` (the product's folder), else the temp folder. */
  readonly dir: string | undefined
  readonly successHtml: string | undefined
  readonly failureHtml: string | undefined
  readonly profileUrl: URL | undefined
  readonly allowInsecure: boolean
  /** The product's command, for hints; undefined: hints name no command. */
  readonly name: string | undefined
  /** The product's own login command for this flow, named in hints instead of `<name> auth login`. */
  readonly loginCommand: string | undefined
  /** Where pasted text is read from without a prompter; resolved at login (stdin by default). */
  readonly input: () => PasteInput | undefined
}

function opener(custom: ((url: string) => Promise<boolean | OpenAttempt>) | undefined): (url: string) => Promise<OpenAttempt> {
  if (custom === undefined) return (url) => tryOpenInBrowser(url)
  return async (url) => {
    const result = await custom(url)
    if (typeof result === 'boolean') return { opened: result, failures: [] }
    const failures = Array.isArray(result?.failures) ? result.failures.filter((f): f is string => typeof f === 'string') : []
    return { opened: result?.opened === true, failures }
  }
}

/**
 * Checks every option (core's `optionChecker`) and applies the defaults.
 * @throws ConfigError `CONFIG_ERROR` naming the option: `@auth/flow-pkce: createPkceFlow: "<name>" ...`.
 */
export function resolveOptions(options: PkceFlowOptions): Settings {
  const check: OptionChecker = optionChecker('@auth/flow-pkce', 'createPkceFlow')
  check.record(options, 'options')
  const allowInsecure = check.optionalBoolean(options.allowInsecure, 'allowInsecure') ?? false
  if (options.outOfBand === true && options.browser !== false) check.fail('outOfBand', 'applies to the no-browser mode only', 'pass browser: false with it')
  const ports = portsOf(check, options.port, options.portRange)
  return {
    issuer: check.httpUrl(options.issuer, 'issuer', { allowInsecure, issuer: true }),
    clientId: check.string(options.clientId, 'clientId', 'pass the OAuth client id this product registered at the authorization server'),
    scopes: check.scopes(options.scopes, 'scopes', DEFAULT_SCOPES),
    resources: check.resources(options.resource, 'resource'),
    authorizationParams: params(check, options.authorizationParams),
    browser: check.optionalBoolean(options.browser, 'browser') ?? true,
    outOfBand: check.optionalBoolean(options.outOfBand, 'outOfBand') ?? false,
    ports: ports.list,
    rangeLabel: ports.label,
    timeoutMs: check.durationMs(options.timeoutMs, 'timeoutMs', { min: 1, max: 86_400_000 }, DEFAULT_TIMEOUT_MS),
    openBrowser: opener(check.optionalFunction(options.openBrowser, 'openBrowser')),
    openUrl: check.optionalFunction(options.openUrl, 'openUrl'),
    clientSecret: check.optionalString(options.clientSecret, 'clientSecret'),
    clientAuthMethod: clientAuthMethod(check, options.clientAuthMethod),
    serverMetadata: serverMetadata(check, options.serverMetadata, options.issuer),
    dir: dirOption(check, options.dir),
    successHtml: html(check, options.successHtml, 'successHtml'),
    failureHtml: html(check, options.failureHtml, 'failureHtml'),
    profileUrl: options.profileUrl === undefined ? undefined : check.httpUrl(options.profileUrl, 'profileUrl', { allowInsecure }),
    allowInsecure,
    name: check.productName(options.name, 'name'),
    loginCommand: check.optionalString(options.loginCommand, 'loginCommand'),
    input: input(check, options.input),
    ...check.runtime(options as unknown as Record<string, unknown>),
  }
}

function params(check: OptionChecker, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) check.fail('authorizationParams', 'must be an object of strings')
  const out: Record<string, string> = {}
  for (const [name, text] of Object.entries(value as object)) {
    if (RESERVED.has(name) || name.startsWith('code_challenge')) check.fail('authorizationParams', `must not set "${name}" (the flow sets it)`)
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name) || typeof text !== 'string' || /[\u0000-\u001f\u007f]/.test(text)) {
      check.fail('authorizationParams', `"${name.slice(0, 64)}" must be a string without control characters`)
    }
    out[name] = text as string
  }
  return Object.freeze(out)
}

function portsOf(check: OptionChecker, port: unknown, range: unknown): { list: number[]; label: string } {
  if (port !== undefined) {
    if (port !== 0 && !isPort(port)) check.fail('port', 'must be a whole number from 1 to 65535 (or 0: any free port)')
    return { list: [port as number], label: String(port) }
  }
  if (range === undefined) range = DEFAULT_PORTS
  const ok = Array.isArray(range) && range.length === 2 && isPort(range[0]) && isPort(range[1]) && range[0] <= range[1] && range[1] - range[0] < 1000
  if (!ok) check.fail('portRange', 'must be [first, last]: ports from 1 to 65535, first <= last, at most 1000 ports')
  const [first, last] = range as [number, number]
  return { list: Array.from({ length: last - first + 1 }, (_, i) => first + i), label: first === last ? String(first) : `${first}-${last}` }
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535
}

function html(check: OptionChecker, value: unknown, name: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value.length > 100_000)) check.fail(name, 'must be an HTML document of at most 100000 characters')
  return value as string | undefined
}

function dirOption(check: OptionChecker, value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isAbsolute(value) || /[\u0000-\u001f\u007f]/.test(value)) {
    check.fail('dir', 'must be an absolute folder path', "pass the product's own folder (its config folder)")
  }
  return value as string
}

function input(check: OptionChecker, value: unknown): () => PasteInput | undefined {
  if (value === null) return () => undefined
  if (value === undefined) return () => process.stdin
  if (typeof value !== 'object' || typeof (value as PasteInput)[Symbol.asyncIterator] !== 'function') check.fail('input', 'must be a readable stream (async iterable), or null')
  return () => value as PasteInput
}

function clientAuthMethod(check: OptionChecker, value: unknown): 'client_secret_basic' | 'client_secret_post' {
  if (value === undefined) return 'client_secret_basic'
  if (value !== 'client_secret_basic' && value !== 'client_secret_post') check.fail('clientAuthMethod', 'must be "client_secret_basic" or "client_secret_post"')
  return value as 'client_secret_basic' | 'client_secret_post'
}

function serverMetadata(check: OptionChecker, value: unknown, issuer: unknown): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) check.fail('serverMetadata', 'must be an authorization server metadata object')
  const metadata = value as Record<string, unknown>
  const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.replace(/\/+$/, '') === b.replace(/\/+$/, '')
  if (!same(metadata.issuer, issuer)) check.fail('serverMetadata', 'must be the metadata of "issuer" (its "issuer" field differs)')
  return Object.freeze({ ...metadata })
}
