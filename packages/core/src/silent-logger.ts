import type { Logger } from './types.js'

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
