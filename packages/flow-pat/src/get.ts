import type { Logger } from '@auth/core'
import { createFlowFetch, fromFetchError } from '@auth/core/kit'

/** Every request gives up after this long (exit 5, `NETWORK_TIMEOUT`). */
export const REQUEST_TIMEOUT_MS = 30_000

/** What {@link get} needs. Internal. */
export interface GetOptions {
  headers: Record<string, string>
  /** Put before network error messages: `token validation`, `discovery`. */
  operation: string
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
  logger?: Logger | undefined
}

/**
 * A GET that never follows a redirect (the token must not travel to another URL), gives up after
 * {@link REQUEST_TIMEOUT_MS}, goes through core's flow fetch (debug log without the query, a
 * 1 MiB body cap) and turns every failure to connect into the core error (`NETWORK_ERROR` exit 5,
 * `CANCELLED` exit 130) through core's `fromFetchError` (no OAuth error table in a PAT product). Internal.
 */
export async function get(url: URL, options: GetOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const fetch = createFlowFetch({ fetch: options.fetch, logger: options.logger, signal })
  try {
    return await fetch(url, { method: 'GET', headers: options.headers, redirect: 'manual' })
  } catch (error) {
    throw fromFetchError(error, { operation: options.operation, host: url.host })
  }
}
