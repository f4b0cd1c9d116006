import { ErrorCode, ExitCode, type ErrorCodeValue, type ExitCodeValue } from './codes.js'
import { redact } from '../redact/redact.js'
import type { HintKeyValue } from './hint-keys.js'

const BRAND = Symbol.for('@auth/core.AuthError')

/** What every error constructor takes. */
export interface AuthErrorOptions {
  /** A stable code from {@link ErrorCode}; each class has a default. */
  code?: ErrorCodeValue | (string & {})
  /** What the user can do about it, one line. */
  hint?: string
  /**
   * Which situation the hint is about, from {@link HintKey}: a product maps it to advice in its
   * own words and flags (`createAuth({ hints })`, {@link applyHint}); `hint` is the fallback.
   */
  hintKey?: HintKeyValue | (string & {})
  /** Values a product's hint may name (`{ url }`, `{ issuer }`): checked, terminal-safe text only. */
  hintParams?: Readonly<Record<string, string>>
  /** The underlying error. */
  cause?: unknown
  /** The process exit code; each class has a default. */
  exitCode?: ExitCodeValue
  /** How to log in, for a "log in first" error (a program or an agent reads it from `--json`). */
  login?: LoginSuggestion
}

/**
 * The commands that log in, as a "log in first" error carries them: `command` blocks until the
 * login is done; `begin` (when the product has one) starts a login that does not block and
 * prints a handle to resume it with (`mycli auth login --device --begin --json`).
 */
export interface LoginSuggestion {
  command?: string
  begin?: string
}

/**
 * The base of every error this toolkit throws: a stable `code`, a one-line `message`
 * with secrets masked, an optional `hint`, and the CLI `exitCode`.
 *
 * Separately versioned packages can be installed twice, so test with
 * `AuthError.isInstance(e)` (a `Symbol.for` brand), not `instanceof`.
 *
 * @example
 * ```ts
 * try { await resolve() } catch (e) {
 *   if (AuthError.isInstance(e)) console.error(`error[${e.code}]: ${e.message}`)
 * }
 * ```
 */
export class AuthError extends Error {
  /** The class's name, stable under minification (`Error.name` is not). */
  static readonly kind: string = 'AuthError'
  readonly code: string
  readonly hint: string | undefined
  /** The {@link HintKey} of the hint, when a product may word it in its own flags. */
  readonly hintKey: string | undefined
  /** The values of the situation a product's hint may name, by the {@link HintKey}'s documented names. */
  readonly hintParams: Readonly<Record<string, string>> | undefined
  readonly exitCode: ExitCodeValue
  /** How to log in, on a "log in first" error. */
  readonly login: LoginSuggestion | undefined
  /** The class kinds this instance belongs to, most derived first. */
  declare readonly [BRAND]: readonly string[]

  constructor(message: string, options: AuthErrorOptions = {}) {
    super(oneLine(message), options.cause === undefined ? undefined : { cause: options.cause })
    const kinds = kindsOf(new.target)
    this.name = kinds[0] ?? 'AuthError'
    this[BRAND] = kinds
    this.code = options.code ?? ErrorCode.INTERNAL_ERROR
    this.hint = options.hint === undefined ? undefined : oneLine(options.hint)
    this.hintKey = options.hintKey
    this.hintParams = options.hintParams
    this.exitCode = options.exitCode ?? ExitCode.UNEXPECTED
    this.login = options.login === undefined ? undefined : suggestion(options.login)
  }

  /**
   * Whether `value` is an instance of this class (or a subclass), from any copy of `@auth/core`.
   * @example `if (StorageError.isInstance(e)) ...`
   */
  static isInstance<T extends abstract new (...args: never[]) => AuthError>(this: T & { kind: string }, value: unknown): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false
    const kinds = (value as { [BRAND]?: unknown })[BRAND]
    return Array.isArray(kinds) && kinds.includes(this.kind)
  }

  /** A plain object for `--json` output: `{ code, message, hint?, login? }`. */
  toJSON(): { code: string; message: string; hint?: string; login?: LoginSuggestion } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint !== undefined && { hint: this.hint }),
      ...(this.login !== undefined && { login: { ...this.login } }),
    }
  }
}

/**
 * The hint a product gives for `error`: `hints[error.hintKey]` (a string, or a function of the
 * error) when the product has one, else the package's own `error.hint`; the result is set on the
 * error (one line, secrets masked) and returned. The message and code never change.
 * @example
 * ```ts
 * applyHint(error, { [HintKey.CALLBACK_PORT_BUSY]: 'try --port-range 9000-9010, --port N, or --device' })
 * ```
 */
export function applyHint<E extends AuthError>(error: E, hints: ProductHints | undefined): E {
  const key = error.hintKey
  const entry = key === undefined || hints === undefined || !Object.hasOwn(hints, key) ? undefined : hints[key]
  const text = typeof entry === 'function' ? entry(error) : entry
  if (typeof text === 'string' && text.trim() !== '') (error as { hint: string | undefined }).hint = oneLine(text)
  return error
}

/** A product's hints by {@link HintKey}: the text, or a function of the error that returns it (`undefined`: keep the package's). */
export type ProductHints = Readonly<Partial<Record<HintKeyValue | (string & {}), string | ((error: AuthError) => string | undefined)>>>

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = []
  let c = ctor as { kind?: unknown } | null
  while (c && typeof c.kind === 'string') {
    if (!kinds.includes(c.kind)) kinds.push(c.kind)
    c = Object.getPrototypeOf(c) as { kind?: unknown } | null
  }
  return kinds
}

function suggestion(login: LoginSuggestion): LoginSuggestion {
  return Object.freeze({
    ...(typeof login.command === 'string' && { command: oneLine(login.command) }),
    ...(typeof login.begin === 'string' && { begin: oneLine(login.begin) }),
  })
}

function oneLine(text: string): string {
  return redact(String(text))
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
}
