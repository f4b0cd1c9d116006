import type { LoginContext, Logger, Output, ResolvedProfile } from '@auth/core'
import { createDebugFetch } from '@auth/core/kit'
import type { CliContext } from './context.js'
import { isFlowRequestLine } from './debug-fetch.js'
import { withBaselineWasm } from './baseline-wasm.js'
import { createNetworkFetch } from './network-fetch.js'
import { READ_ONLY } from './profile-credential.js'

/**
 * What the session's flows get from the CLI: messages on stderr (`info`, `warn`), the debug
 * logger, a fetch that logs `HTTP METHOD URL -> STATUS (ms)` and goes through
 * `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` (but `NO_PROXY`) trusting `profile`'s `ca_file`
 * ({@link createNetworkFetch}), Ctrl-C, and whether a user is at the terminal. (`auth login --json`
 * adds `output.data` for the device code per call.)
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for a malformed proxy variable.
 * @example `createAuth({ ...createLoginContext(ctx, { profile }), name, host, dir, flows, stores })`
 */
export function createLoginContext(ctx: CliContext, options: { profile?: Pick<ResolvedProfile, 'name' | 'caFile'> } = {}): LoginContext {
  const output: Output = { info: (message) => ctx.err.line(message), warn: (message) => ctx.warn(message) }
  return {
    output,
    logger: withoutRequestLines(ctx.logger),
    fetch: createDebugFetch(networkFetch(ctx, options.profile ?? ctx.resolveProfile({}, READ_ONLY)), ctx.logger),
    signal: ctx.signal,
    interactive: isInteractive(ctx),
  }
}

/** The profile's proxy and CA aware fetch (`ca_file` named as `profiles.NAME.ca_file` in its errors), WebAssembly at baseline. */
function networkFetch(ctx: CliContext, profile: Pick<ResolvedProfile, 'name' | 'caFile'>): typeof globalThis.fetch {
  return withBaselineWasm(createNetworkFetch({ env: ctx.env, caFile: profile.caFile, caFileLabel: `profiles.${profile.name}.ca_file` }))
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
