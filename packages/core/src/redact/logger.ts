import { invalid, assertFunction, assertRecord } from '../kit/assert.js'
import { escapeUnprintable } from '../kit/sanitize-text.js'
import { redact } from './redact.js'
import type { Logger } from '../model/types.js'

/** How much a logger writes: `debug` everything, `silent` nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The lowest level written; default `info`. */
  level?: LogLevel
  /** Receives each line, without a trailing newline, secrets already masked. */
  write: (line: string) => void
  /** Put before every line, e.g. `[mycli]`. */
  prefix?: string
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

/**
 * Creates a {@link Logger} that writes lines `<prefix> <level>: <message>`, passing every
 * message through {@link redact} first. A multi-line message is written line by line, each
 * with the prefix, so a server's text cannot forge log lines of its own; control, escape and bidi
 * characters in a line are written as visible `\uXXXX` escapes, so it cannot drive the terminal.
 *
 * @throws ConfigError `CONFIG_ERROR` when `write` is not a function or `level` is unknown.
 * @example
 * ```ts
 * const logger = createLogger({ level: 'debug', prefix: '[mycli]', write: (l) => process.stderr.write(`${l}\n`) })
 * logger.debug('POST /token code=abc123') // "[mycli] debug: POST /token code=***"
 * ```
 * @see {@link silentLogger}
 */
export function createLogger(options: LoggerOptions): Logger {
  assertRecord(options, 'createLogger', 'options')
  const { level = 'info', write, prefix } = options
  assertFunction(write, 'createLogger', 'write')
  if (!Object.hasOwn(RANK, level)) invalid('createLogger', `"level" must be one of ${Object.keys(RANK).join(', ')}`)
  if (prefix !== undefined && typeof prefix !== 'string') invalid('createLogger', '"prefix" must be a string')
  const head = prefix ? `${redact(prefix)} ` : ''
  const emit = (at: Exclude<LogLevel, 'silent'>) => (message: string) => {
    if (RANK[at] < RANK[level]) return
    for (const line of redact(String(message)).split(/\r\n|\r|\n/)) write(`${head}${at}: ${escapeUnprintable(line)}`)
  }
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') }
}

const noop = (): void => {}

/**
 * A {@link Logger} that writes nothing; the default wherever a logger is optional.
 *
 * @example
 * ```ts
 * const logger = options.logger ?? silentLogger
 * ```
 * @see {@link createLogger}
 * @throws Never.
 */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop })
