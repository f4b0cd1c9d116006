import type { AuthError } from '@auth/core'
import { createColors, shouldUseColor } from './color.js'
import { createCliLogger, type Runtime } from './context.js'
import { formatError, logErrorDetails } from './render-error.js'

/**
 * Writes an error to stderr as the contract says, after its stack and causes with `--debug`.
 * @example `reportError(new CancelledError('interrupted'), undefined, { json: true, debug: false, color: true }, runtime)`
 */
export function reportError(error: AuthError, original: unknown, flags: { json: boolean; debug: boolean; color: boolean }, runtime: Pick<Runtime, 'env' | 'stderr'>): void {
  if (flags.debug) logErrorDetails(original ?? error, createCliLogger(flags, runtime))
  const colors = createColors(shouldUseColor({ isTTY: runtime.stderr.isTTY, env: runtime.env, color: flags.color }))
  runtime.stderr.write(formatError(error, { json: flags.json, colors }))
}
