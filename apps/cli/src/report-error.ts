import type { AuthError } from '@auth/core'
import { createColors, shouldUseColor } from './color.js'
import { createCliLogger, type Runtime } from './context.js'
import { afterCtrlC } from './interrupt.js'
import { formatError, logErrorDetails } from './render-error.js'

/**
 * Writes an error to stderr as the contract says, after its stack and causes with `--debug`.
 * @example `reportError(new CancelledError('interrupted'), undefined, { json: true, debug: false, color: true }, runtime)`
 */
export function reportError(error: AuthError, original: unknown, flags: { json: boolean; debug: boolean; color: boolean }, runtime: Pick<Runtime, 'env' | 'stderr'>): void {
  if (flags.debug) logErrorDetails(original ?? error, createCliLogger(flags, runtime))
  const colors = createColors(shouldUseColor({ isTTY: runtime.stderr.isTTY, env: runtime.env, color: flags.color }))
  // Ctrl-C in the terminal's line mode echoed `^C` after whatever was on the line: start afresh.
  const freshLine = runtime.stderr.isTTY === true && afterCtrlC(error) ? '\n' : ''
  runtime.stderr.write(freshLine + formatError(error, { json: flags.json, colors }))
}
