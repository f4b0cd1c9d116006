import type { Logger } from '../model/types.js'
import { invalidOption } from './invalid-option.js'
import { parseHttpUrl } from './parse-http-url.js'
import { isScopeToken } from './parse-scope.js'

/** A whole-number or duration range for {@link OptionChecker.integer} and {@link OptionChecker.durationMs}. */
export interface NumberRange {
  min?: number
  max?: number
}

/**
 * The checks of one factory's options, every message `<pkg>: <factory>: "<option>" <what>` and
 * never the value (it may be a secret). Every package checks its options with one of these, so
 * the same mistake reads the same everywhere.
 */
export interface OptionChecker {
  /** Throws ConfigError `CONFIG_ERROR` (exit 2): `"<name>" <what>`, with `hint`. */
  fail(name: string, what: string, hint?: string): never
  /** `value` is a plain object (the options themselves: `record(options, 'options')`). */
  record(value: unknown, name: string): asserts value is Record<string, unknown>
  /** A non-empty string without control characters. */
  string(value: unknown, name: string, hint?: string): string
  /** As {@link string}, or `undefined`. */
  optionalString(value: unknown, name: string, hint?: string): string | undefined
  optionalBoolean(value: unknown, name: string): boolean | undefined
  optionalFunction<T>(value: T | undefined, name: string): T | undefined
  /** A whole number in `range`; `fallback` when undefined. */
  integer(value: unknown, name: string, range: NumberRange, fallback: number): number
  /** A number of milliseconds in `range` (the unit is in the option's name: `timeoutMs`); `fallback` when undefined. */
  durationMs<F extends number | undefined>(value: unknown, name: string, range: NumberRange, fallback: F): number | F
  /** An http(s) URL a token will be sent to ({@link parseHttpUrl}); `issuer` refuses a query. */
  httpUrl(value: unknown, name: string, options: { allowInsecure: boolean; issuer?: boolean; base?: string | URL }): URL
  /** RFC 6749 §3.3 scope names, deduplicated; `fallback` when undefined. */
  scopes(value: unknown, name: string, fallback: readonly string[]): readonly string[]
  /** RFC 8707 resource indicators: one URI or an array of absolute URIs without a fragment (§2), deduplicated; `[]` when undefined. */
  resources(value: unknown, name: string): readonly string[]
  /** The product's command name (`mycli`): 1-64 printable ASCII characters, no spaces. */
  productName(value: unknown, name: string): string | undefined
  /** A {@link Logger} (debug, info, warn and error functions), or `undefined`. */
  logger(value: unknown, name?: string): Logger | undefined
  /** The escape hatches every factory takes under the same names: `fetch`, `logger`, `signal`, `now`. */
  runtime(options: Record<string, unknown>): { fetch?: typeof globalThis.fetch; logger?: Logger; signal?: AbortSignal; now?: () => number }
}

/**
 * The option checker of `factory` in `pkg`: the one way packages refuse a bad option.
 * @example
 * ```ts
 * const check = optionChecker('@auth/flow-x', 'createXFlow')
 * check.record(options, 'options')
 * const clientId = check.string(options.clientId, 'clientId', 'pass the OAuth client id')
 * const timeoutMs = check.durationMs(options.timeoutMs, 'timeoutMs', { min: 1 }, 300_000)
 * ```
 */
export function optionChecker(pkg: string, factory: string): OptionChecker {
  const fail = (name: string, what: string, hint?: string): never => invalidOption(pkg, factory, `"${name}" ${what}`, hint)
  const string = (value: unknown, name: string, hint?: string): string => {
    if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u001f\u007f]/.test(value)) fail(name, 'must be a non-empty string without control characters', hint)
    return value as string
  }
  const logger = (value: unknown, name = 'logger'): Logger | undefined => {
    if (value === undefined) return undefined
    if (!isLogger(value)) fail(name, 'must have debug, info, warn and error functions')
    return value as Logger
  }
  const optionalFunction = <T>(value: T | undefined, name: string): T | undefined => {
    if (value !== undefined && typeof value !== 'function') fail(name, 'must be a function')
    return value
  }
  const number = (value: unknown, name: string, range: NumberRange, whole: boolean, unit: string): number => {
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = range
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value))
    if (!ok) fail(name, `must be a ${whole ? 'whole number' : 'number'}${unit} from ${min} to ${max}`)
    return value as number
  }
  return {
    fail,
    record(value, name) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'must be an object')
    },
    string,
    optionalString: (value, name, hint) => (value === undefined ? undefined : string(value, name, hint)),
    optionalBoolean(value, name) {
      if (value !== undefined && typeof value !== 'boolean') fail(name, 'must be a boolean')
      return value as boolean | undefined
    },
    optionalFunction,
    integer: (value, name, range, fallback) => (value === undefined ? fallback : number(value, name, range, true, '')),
    durationMs: (value, name, range, fallback) => (value === undefined ? fallback : number(value, name, range, false, ' of milliseconds')),
    httpUrl(value, name, options) {
      if (typeof value !== 'string' && !(value instanceof URL)) fail(name, 'must be an http(s) URL')
      const href = value instanceof URL ? value.href : (value as string)
      return parseHttpUrl(href, {
        where: `${pkg}: ${factory}`,
        option: name,
        allowInsecure: options.allowInsecure,
        noQuery: options.issuer === true,
        ...(options.base !== undefined && { base: options.base }),
      })
    },
    scopes(value, name, fallback) {
      if (value === undefined) return fallback
      if (!Array.isArray(value) || !value.every(isScopeToken)) fail(name, 'must be an array of scope names (printable ASCII, no spaces, quotes or backslashes)')
      return Object.freeze([...new Set(value as string[])])
    },
    resources(value, name) {
      if (value === undefined) return []
      const list = typeof value === 'string' ? [value] : value
      if (!Array.isArray(list)) fail(name, 'must be a URI or an array of URIs')
      for (const item of list as unknown[]) {
        const url = typeof item === 'string' && URL.canParse(item) ? new URL(item) : undefined
        if (url === undefined || url.hash !== '') fail(name, 'must hold absolute URIs without a fragment (RFC 8707 §2)')
      }
      return Object.freeze([...new Set(list as string[])])
    },
    productName(value, name) {
      if (value === undefined) return undefined
      if (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value)) fail(name, 'must be a command name: 1-64 printable ASCII characters, no spaces')
      return value as string
    },
    logger,
    runtime(options) {
      const signal = options.signal
      if (signal !== undefined && !(signal instanceof AbortSignal)) fail('signal', 'must be an AbortSignal')
      const fetch = optionalFunction(options.fetch as typeof globalThis.fetch | undefined, 'fetch')
      const now = optionalFunction(options.now as (() => number) | undefined, 'now')
      const log = logger(options.logger)
      return { ...(fetch && { fetch }), ...(log && { logger: log }), ...(signal !== undefined && { signal: signal as AbortSignal }), ...(now && { now }) }
    },
  }
}

/** Whether `value` has the {@link Logger} shape: debug, info, warn and error functions. */
export function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && ['debug', 'info', 'warn', 'error'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
}
