import type { Logger } from '@auth/core'
import type { CustomFetch } from 'openid-client'

/**
 * The fetch openid-client calls: the caller's fetch (or the global one), aborted by `signal`
 * too, logging `METHOD url -> status` (no query, no body, no headers). Internal.
 */
export function customFetchFor(doFetch: typeof globalThis.fetch | undefined, signal: AbortSignal | undefined, logger: Logger): CustomFetch {
  return async (url, options) => {
    const target = new URL(url)
    const line = `${options.method} ${target.origin}${target.pathname}`
    const signals = [options.signal, signal].filter((s): s is AbortSignal => s !== undefined)
    const init = { ...options, ...(signals.length > 0 && { signal: AbortSignal.any(signals) }) }
    try {
      const response = await (doFetch ?? globalThis.fetch)(url, init as RequestInit)
      logger.debug(`${line} -> ${response.status}`)
      return response
    } catch (error) {
      logger.debug(`${line} failed`)
      throw error
    }
  }
}
