import type { LoginContext, Logger, Output } from '@auth/core'
import { createDebugFetch } from '@auth/core/kit'
import type { CliContext } from './context.js'
import { isFlowRequestLine } from './debug-fetch.js'
import { formatJson } from './render.js'

/** Options of {@link createLoginContext}. */
export interface LoginContextOptions {
  /** The signal to pass instead of the run's (a `--timeout` combined with Ctrl-C). */
  signal?: AbortSignal
  /** Let the flow print structured data on stdout (`--json`: the device code before polling). */
  data?: boolean
  /** Wraps the fetch the flow uses (under the debug log), e.g. to add a `scope` to a refresh. */
  wrapFetch?: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch
}

/**
 * What a flow gets from the CLI: messages on stderr (`info`, `warn`), structured data on stdout
 * only under `--json`, the debug logger, a fetch that logs `HTTP METHOD URL -> STATUS (ms)`,
 * Ctrl-C, and whether a user is at the terminal.
 * @example `await flow.login(createLoginContext(ctx, { data: ctx.globals.json }))`
 */
export function createLoginContext(ctx: CliContext, options: LoginContextOptions = {}): LoginContext {
  const output: Output = {
    info: (message) => ctx.err.line(message),
    warn: (message) => ctx.warn(message),
    ...(options.data && { data: (value: unknown) => ctx.out.write(formatJson(value)) }),
  }
  const fetch = createDebugFetch(globalThis.fetch, ctx.logger)
  return {
    output,
    logger: withoutRequestLines(ctx.logger),
    fetch: options.wrapFetch ? options.wrapFetch(fetch) : fetch,
    signal: options.signal ?? ctx.signal,
    interactive: isInteractive(ctx),
  }
}

/** The flows log each request themselves; the CLI's fetch logs it with its timing, so theirs go. */
function withoutRequestLines(logger: Logger): Logger {
  return { ...logger, debug: (message) => (isFlowRequestLine(message) ? undefined : logger.debug(message)) }
}

/**
 * Whether a user can answer: stdin and stderr are both terminals.
 * @example `if (!isInteractive(ctx)) throw usage('pick a flow')`
 */
export function isInteractive(ctx: Pick<CliContext, 'stdin' | 'err'>): boolean {
  return ctx.stdin?.isTTY === true && ctx.err.isTTY
}
