import type { LoginContext, Logger, Output, ResolvedProfile } from '@auth/core'
import { createDebugFetch } from '@auth/core/kit'
import type { CliContext } from './context.js'
import { isFlowRequestLine } from './debug-fetch.js'
import { createNetworkFetch } from './network-fetch.js'
import { READ_ONLY } from './profile-credential.js'
import { formatJson } from './render.js'

/** Options of {@link createLoginContext}. */
export interface LoginContextOptions {
  /** The signal to pass instead of the run's (a `--timeout` combined with Ctrl-C). */
  signal?: AbortSignal
  /** Let the flow print structured data on stdout (`--json`: the device code before polling). */
  data?: boolean
  /** Wraps the fetch the flow uses (under the debug log), e.g. to add a `scope` to a refresh. */
  wrapFetch?: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch
  /** The profile whose `ca_file` the requests trust; default the profile in force (`ctx.resolveProfile()`). */
  profile?: Pick<ResolvedProfile, 'name' | 'caFile'>
}

/**
 * What a flow gets from the CLI: messages on stderr (`info`, `warn`), structured data on stdout
 * only under `--json`, the debug logger, a fetch that logs `HTTP METHOD URL -> STATUS (ms)` and
 * goes through `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` (but `NO_PROXY`) trusting the profile's
 * `ca_file` ({@link createNetworkFetch}), Ctrl-C, and whether a user is at the terminal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for a malformed proxy variable.
 * @example `await flow.login(createLoginContext(ctx, { data: ctx.globals.json }))`
 */
export function createLoginContext(ctx: CliContext, options: LoginContextOptions = {}): LoginContext {
  const output: Output = {
    info: (message) => ctx.err.line(message),
    warn: (message) => ctx.warn(message),
    ...(options.data && { data: (value: unknown) => ctx.out.write(formatJson(value)) }),
  }
  const fetch = createDebugFetch(networkFetch(ctx, options.profile ?? ctx.resolveProfile({}, READ_ONLY)), ctx.logger)
  return {
    output,
    logger: withoutRequestLines(ctx.logger),
    fetch: options.wrapFetch ? options.wrapFetch(fetch) : fetch,
    signal: options.signal ?? ctx.signal,
    interactive: isInteractive(ctx),
  }
}

/** The profile's proxy and CA aware fetch (`ca_file` named as `profiles.NAME.ca_file` in its errors). */
function networkFetch(ctx: CliContext, profile: Pick<ResolvedProfile, 'name' | 'caFile'>): typeof globalThis.fetch {
  return createNetworkFetch({ env: ctx.env, caFile: profile.caFile, caFileLabel: `profiles.${profile.name}.ca_file` })
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
