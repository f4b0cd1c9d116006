import { AuthError, applyHint, CancelledError, ConfigError, ErrorCode, ExitCode, type Logger } from '@auth/core'
import type { Colors } from './color.js'
import { CLI_NAME } from './app.js'
import { CLI_HINTS } from './hints.js'

/** How an error is shown. */
export interface ErrorRenderOptions {
  /** One line of JSON instead of `error[CODE]: message` / `hint: ...`. */
  json: boolean
  /** Styles the text form (stderr's colours). */
  colors: Colors
}

/** What commander throws under `exitOverride()`. Duck-typed: no commander import here. */
interface CommanderErrorLike {
  code: string
  exitCode: number
  message: string
}

/**
 * Whether `error` is commander's own (`commander.unknownOption`, `commander.helpDisplayed`, ...).
 * @example `isCommanderError(e) && e.exitCode === 0` means help or version was printed.
 */
export function isCommanderError(error: unknown): error is CommanderErrorLike {
  const e = error as Partial<CommanderErrorLike> | null
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && e.code.startsWith('commander.') && typeof e.exitCode === 'number'
}

/**
 * A commander parse error as a `USAGE_ERROR` (exit 2): its `error: ` prefix dropped, its
 * "(Did you mean x?)" turned into the hint, else a hint pointing at the command's help.
 * @example `fromCommanderError(e, 'authcli config get')` for a missing argument
 */
export function fromCommanderError(error: CommanderErrorLike, commandPath: string): AuthError {
  const [first = '', ...rest] = error.message.split('\n')
  const message = first.replace(/^error: /, '')
  const suggestion = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))
  const hint = suggestion ? `did you mean '${suggestion[1]}'?` : `run '${commandPath} --help' for usage`
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, exitCode: ExitCode.USAGE, hint, cause: error })
}

/**
 * Any thrown value as an {@link AuthError}: toolkit errors as they are (from any copy of
 * `@auth/core`; a hint the packages tagged with a `HintKey` worded in this CLI's flags), aborts as `CANCELLED` (exit 130), anything else as `INTERNAL_ERROR` (exit 1)
 * with a message that says it is a bug.
 */
export function normalizeError(error: unknown, debug = false): AuthError {
  if (AuthError.isInstance(error)) return applyHint(error, CLI_HINTS)
  const e = error as { name?: unknown; message?: unknown } | null
  if (e?.name === 'AbortError') return new CancelledError('interrupted', { cause: error })
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return new AuthError(`unexpected error (a bug in ${CLI_NAME}): ${what}`, {
    code: ErrorCode.INTERNAL_ERROR,
    exitCode: ExitCode.UNEXPECTED,
    hint: debug ? 'please report it, with the stack trace above' : 'please report it; run again with --debug for the stack trace',
    cause: error,
  })
}

/**
 * The text the user sees on stderr: `error[CODE]: message` and `hint: ...` lines, or with
 * `json` one line `{"error":{"code","message","hint"?}}`.
 * @example `formatError(new ConfigError('bad'), { json: false, colors })` is `'error[CONFIG_ERROR]: bad\n'`
 */
export function formatError(error: AuthError, { json, colors }: ErrorRenderOptions): string {
  const { code, message, hint } = error.toJSON()
  if (json) return `${JSON.stringify({ error: error.toJSON() })}\n`
  const head = `${colors.bold(colors.red(`error[${code}]:`))} ${message}\n`
  return hint === undefined ? head : `${head}${colors.yellow('hint:')} ${hint}\n`
}

/**
 * Logs an error and its `cause` chain at debug level (masked by the logger): the stack trace only
 * for a bug (`INTERNAL_ERROR`, or anything that is not an `AuthError`), one `Name: message` line
 * for an ordinary refusal; a cause that is not an `Error` (an OAuth error body, a string) as
 * bounded JSON, never `[object Object]`. Nothing is logged unless the logger's level is `debug`.
 */
export function logErrorDetails(error: unknown, logger: Logger): void {
  const seen = new Set<unknown>()
  const internal = !AuthError.isInstance(error) || error.code === ErrorCode.INTERNAL_ERROR
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && !seen.has(current) && depth < 8; depth++) {
    seen.add(current)
    const text = describe(current, internal)
    logger.debug(depth === 0 ? text : `caused by: ${text}`)
    current = (current as { cause?: unknown }).cause
  }
}

function describe(value: unknown, withStack: boolean): string {
  if (value instanceof Error) {
    const head = `${value.name}: ${value.message}`
    if (withStack && value.stack !== undefined) return value.stack
    const code = (value as { code?: unknown }).code
    return typeof code === 'string' && !head.includes(code) ? `${head} (${code})` : head
  }
  if (typeof value !== 'object') return String(value)
  try {
    const json = JSON.stringify(value)
    return json.length > 500 ? `${json.slice(0, 500)}...` : json
  } catch {
    return Object.prototype.toString.call(value)
  }
}
