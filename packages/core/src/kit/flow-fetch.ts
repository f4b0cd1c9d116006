import { createDebugFetch, isDebugFetch, markDebugFetch } from './debug-fetch.js'
import { DEFAULT_MAX_BYTES, limitResponseBody } from './read-response.js'
import type { Logger } from '../model/types.js'

type Fetch = typeof globalThis.fetch

/** Options of {@link createFlowFetch}. */
export interface FlowFetchOptions {
  /** The fetch to use; default the global one. */
  fetch?: Fetch | undefined
  /** Logs each request through {@link createDebugFetch} (unless `fetch` logs already). */
  logger?: Logger | undefined
  /** Aborts every request too (Ctrl-C stops a request in flight, not only the waits between). */
  signal?: AbortSignal | undefined
  /** The cap on every response body; default 1 MiB ({@link limitResponseBody}). */
  maxBytes?: number | undefined
}

/**
 * The fetch a flow makes every request with, including the ones a library (openid-client) makes
 * through its custom-fetch hook: the caller's fetch, logged ({@link createDebugFetch}: no query,
 * no header, no body), aborted by `signal` as well as by the request's own signal, and every
 * response body capped at `maxBytes` (a hostile server cannot exhaust memory).
 *
 * @returns A fetch; pass it as openid-client's `[customFetch]` as is.
 * @throws Never itself; the fetch rejects as the underlying one does, with NetworkError
 *   `BAD_RESPONSE` for a `Content-Length` over the cap.
 * @example
 * ```ts
 * config[customFetch] = createFlowFetch({ fetch: ctx.fetch, logger: ctx.logger, signal: ctx.signal })
 * ```
 */
export function createFlowFetch(options: FlowFetchOptions = {}): Fetch {
  const base = createDebugFetch(options.fetch, options.logger)
  const { signal } = options
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const bounded: Fetch = async (input, init) => {
    const signals = [init?.signal ?? undefined, signal].filter((s): s is AbortSignal => s !== undefined)
    const merged = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
    const response = await base(input, merged === undefined ? init : { ...init, signal: merged })
    return limitResponseBody(response, maxBytes)
  }
  return markDebugFetch(bounded, isDebugFetch(base))
}
