import { CancelledError, silentLogger, type LoginContext, type Logger } from '@auth/core'
import { createFlowFetch } from '@auth/core/kit'
import type { CustomFetch } from 'openid-client'
import type { FlowConfig } from './_check-options.js'

/** What one call of the flow runs with. Internal. */
export interface Runtime {
  fetch: CustomFetch
  logger: Logger
  now: () => number
  signal: AbortSignal | undefined
}

/** The runtime of one call: `ctx` escape hatches win over the factory's. Every request goes through core's flow fetch (debug log without queries, `ctx.signal`, a 1 MiB body cap). Internal.
 * @throws CancelledError `CANCELLED` when `ctx.signal` has already aborted. */
export function runtimeFor(config: FlowConfig, ctx: LoginContext): Runtime {
  if (ctx.signal?.aborted) throw new CancelledError('client credentials cancelled')
  const logger = ctx.logger ?? config.logger ?? silentLogger
  const fetch = createFlowFetch({ fetch: ctx.fetch ?? config.fetch, logger, signal: ctx.signal })
  return { fetch: fetch as CustomFetch, logger, now: ctx.now ?? config.now ?? Date.now, signal: ctx.signal }
}
