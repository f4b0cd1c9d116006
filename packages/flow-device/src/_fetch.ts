// The fetch every request of a login goes through. Internal.
import type { Logger } from '@auth/core'
import type { CustomFetch } from 'openid-client'

/**
 * Wraps `base` so that every request also stops when `signal` aborts (Ctrl-C stops a poll in
 * flight, not only the wait between polls), and logs method, URL and status at debug level.
 * URLs carry no secrets here (they go in bodies and headers); the logger redacts anyway.
 */
export function boundFetch(base: typeof globalThis.fetch | undefined, signal: AbortSignal | undefined, logger: Logger | undefined): CustomFetch {
  return async (url, init) => {
    const signals = [init.signal, signal].filter((s): s is AbortSignal => s !== undefined)
    const merged = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
    const request: RequestInit = { ...(init as RequestInit), ...(merged !== undefined && { signal: merged }) }
    const response = await (base ?? globalThis.fetch)(url, request)
    logger?.debug(`${init.method} ${url} -> ${response.status}`)
    return response
  }
}
