import { silentLogger, toAuthError, type Logger } from '@auth/core'

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
 * {@link REQUEST_TIMEOUT_MS}, logs `GET url -> status`, and turns every failure to connect into
 * the core error (`NETWORK_ERROR` exit 5, `CANCELLED` exit 130) through `toAuthError`. Internal.
 */
export async function get(url: URL, options: GetOptions): Promise<Response> {
  const logger = options.logger ?? silentLogger
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const doFetch = options.fetch ?? globalThis.fetch
  const target = `${url.origin}${url.pathname}`
  try {
    const response = await doFetch(url, { method: 'GET', headers: options.headers, redirect: 'manual', signal })
    logger.debug(`GET ${target} -> ${response.status}`)
    return response
  } catch (error) {
    logger.debug(`GET ${target} failed`)
    throw toAuthError(error, { operation: options.operation, host: url.host })
  }
}
