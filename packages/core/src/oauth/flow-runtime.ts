import type { LoginContext, Logger } from '../model/types.js'

/** What one login, refresh or revocation of a flow runs with. */
export interface FlowRuntime {
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  /** The login context's signal and the factory's, combined (either aborts the call). */
  readonly signal: AbortSignal | undefined
  /** The wall clock, epoch ms. */
  readonly now: () => number
}

/** The escape hatches a flow factory was given (`fetch`, `logger`, `signal`, `now`), checked. */
export interface FlowDefaults {
  fetch?: typeof globalThis.fetch | undefined
  logger?: Logger | undefined
  signal?: AbortSignal | undefined
  now?: (() => number) | undefined
}

/**
 * The run-time of one flow call: the login context's `fetch`, `logger` and `now` win over the
 * factory's; the context's `signal` and the factory's both count (`AbortSignal.any`). A context
 * field of the wrong type is ignored, so a caller's plain object never breaks a call.
 *
 * @throws Never.
 * @example
 * ```ts
 * const runtime = flowRuntime(ctx, settings)
 * const config = await whileNotAborted(() => configFor(runtime), runtime.signal, cancelledError)
 * ```
 */
export function flowRuntime(ctx: LoginContext | undefined, defaults: FlowDefaults): FlowRuntime {
  const c: LoginContext = typeof ctx === 'object' && ctx !== null ? ctx : {}
  const signals = [c.signal instanceof AbortSignal ? c.signal : undefined, defaults.signal].filter((s): s is AbortSignal => s !== undefined)
  return {
    fetch: typeof c.fetch === 'function' ? c.fetch : defaults.fetch,
    logger: isLogger(c.logger) ? c.logger : defaults.logger,
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    now: typeof c.now === 'function' ? c.now : (defaults.now ?? Date.now),
  }
}

/**
 * Runs `fn` unless `signal` has aborted; whatever `fn` throws once the signal has aborted becomes
 * `cancelled(cause)` (the flow's CancelledError, naming the package's login), whatever a library
 * made of the abort. Wrap every await of a flow in it.
 *
 * @throws What `cancelled` returns (CancelledError `CANCELLED`, exit 130) after an abort; else what `fn` throws.
 * @example
 * ```ts
 * const cancelled = (cause?: unknown) => new CancelledError('device login cancelled', { cause })
 * const tokens = await whileNotAborted(() => refreshTokenGrant(config, token), runtime.signal, cancelled)
 * ```
 */
export async function whileNotAborted<T>(fn: () => Promise<T>, signal: AbortSignal | undefined, cancelled: (cause: unknown) => Error): Promise<T> {
  if (signal?.aborted) throw cancelled(signal.reason)
  try {
    return await fn()
  } catch (error) {
    if (signal?.aborted) throw cancelled(error)
    throw error
  }
}

function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && typeof (value as Logger).debug === 'function'
}
