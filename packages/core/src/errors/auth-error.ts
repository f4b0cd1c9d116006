import { ErrorCode, ExitCode, type ErrorCodeValue, type ExitCodeValue } from './codes.js'
import { redact } from '../redact/redact.js'

const BRAND = Symbol.for('@auth/core.AuthError')

/** What every error constructor takes. */
export interface AuthErrorOptions {
  /** A stable code from {@link ErrorCode}; each class has a default. */
  code?: ErrorCodeValue | (string & {})
  /** What the user can do about it, one line. */
  hint?: string
  /** The underlying error. */
  cause?: unknown
  /** The process exit code; each class has a default. */
  exitCode?: ExitCodeValue
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
  readonly exitCode: ExitCodeValue
  /** The class kinds this instance belongs to, most derived first. */
  declare readonly [BRAND]: readonly string[]

  constructor(message: string, options: AuthErrorOptions = {}) {
    super(oneLine(message), options.cause === undefined ? undefined : { cause: options.cause })
    const kinds = kindsOf(new.target)
    this.name = kinds[0] ?? 'AuthError'
    this[BRAND] = kinds
    this.code = options.code ?? ErrorCode.INTERNAL_ERROR
    this.hint = options.hint === undefined ? undefined : oneLine(options.hint)
    this.exitCode = options.exitCode ?? ExitCode.UNEXPECTED
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

  /** A plain object for `--json` output: `{ code, message, hint? }`. */
  toJSON(): { code: string; message: string; hint?: string } {
    return this.hint === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, hint: this.hint }
  }
}

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = []
  let c = ctor as { kind?: unknown } | null
  while (c && typeof c.kind === 'string') {
    if (!kinds.includes(c.kind)) kinds.push(c.kind)
    c = Object.getPrototypeOf(c) as { kind?: unknown } | null
  }
  return kinds
}

function oneLine(text: string): string {
  return redact(String(text))
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
}
