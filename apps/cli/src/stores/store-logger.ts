import type { Logger } from '@auth/core'
import type { CliContext } from '../context.js'

/**
 * The logger handed to stores: debug lines as `--debug` logs, warnings (a stale lock taken
 * over, ...) as `warning:` lines the user always sees. The "moved aside" notice is debug only:
 * the login says it itself, with what to do about it.
 * @example `createFileStore({ dir, logger: storeLogger(ctx) })`
 */
export function storeLogger(ctx: Pick<CliContext, 'logger' | 'warn'>): Logger {
  return {
    debug: (message) => ctx.logger.debug(message),
    info: (message) => ctx.logger.info(message),
    warn: (message) => (/\bmoved\b.*\baside\b/.test(message) ? ctx.logger.debug(message) : ctx.warn(message)),
    error: (message) => ctx.logger.error(message),
  }
}
