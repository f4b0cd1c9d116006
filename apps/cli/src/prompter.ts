import { createTerminalPrompter, type Prompter } from '@auth/core'
import type { CliContext } from './context.js'

/**
 * The CLI's {@link Prompter}: core's terminal prompter (`createTerminalPrompter`) on the
 * context's stdin and stderr; with `secret` nothing typed is echoed. Only meaningful when stdin
 * is a terminal (`isInteractive`).
 * @throws CancelledError `CANCELLED` (exit 130) on Ctrl-C (`signal`) or when stdin closes first.
 * @example `const token = await createPrompter(ctx).text('Paste the token:', { secret: true })`
 */
export function createPrompter(ctx: Pick<CliContext, 'stdin' | 'err'>): Prompter {
  return createTerminalPrompter({ ...(ctx.stdin !== undefined && { input: ctx.stdin }), output: ctx.err })
}
