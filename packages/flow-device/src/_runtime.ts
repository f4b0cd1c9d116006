// The run-time escape hatches of one call: the login context's, else the factory's. Internal.
import type { LoginContext, Logger } from '@auth/core'
import type { Settings } from './_options.js'

/** What one login, refresh or revocation runs with. */
export interface Runtime {
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  readonly signal: AbortSignal | undefined
  /** The wall clock, epoch ms. */
  readonly now: () => number
}

/** The context's `fetch`, `logger`, `signal` and `now` win over the factory's options. */
export function runtimeOf(settings: Settings, ctx: LoginContext | undefined): Runtime {
  const c: LoginContext = typeof ctx === 'object' && ctx !== null ? ctx : {}
  return {
    fetch: typeof c.fetch === 'function' ? c.fetch : settings.fetch,
    logger: isLogger(c.logger) ? c.logger : settings.logger,
    signal: c.signal instanceof AbortSignal ? c.signal : undefined,
    now: typeof c.now === 'function' ? c.now : (settings.now ?? Date.now),
  }
}

function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && typeof (value as Logger).debug === 'function'
}
