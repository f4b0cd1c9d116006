import { CancelledError, silentLogger, type LoginContext, type Logger } from '@auth/core'
import type { CustomFetch } from 'openid-client'
import type { FlowConfig } from './_check-options.js'
import { customFetchFor } from './_custom-fetch.js'

/** What one call of the flow runs with. Internal. */
export interface Runtime {
  fetch: CustomFetch
  logger: Logger
  now: () => number
}

/** The runtime of one call: `ctx` escape hatches win over the factory's. Internal.
 * @throws CancelledError `CANCELLED` when `ctx.signal` has already aborted. */
export function runtimeFor(config: FlowConfig, ctx: LoginContext): Runtime {
  if (ctx.signal?.aborted) throw new CancelledError('client credentials cancelled')
  const logger = ctx.logger ?? config.logger ?? silentLogger
  return { fetch: customFetchFor(ctx.fetch ?? config.fetch, ctx.signal, logger), logger, now: ctx.now ?? config.now ?? Date.now }
}
