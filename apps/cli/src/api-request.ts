import { ExitCode, NetworkError, toAuthError } from '@auth/core'

/** One `api` request, before the token is added. */
export interface ApiRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body?: string
}

/** Options of {@link sendApiRequest}. */
export interface SendApiRequestOptions {
  /**
   * The session's `auth.fetch` (or a wrapper of `auth.request`): it adds the bearer token and the
   * tenant header, renews on a 401, and follows redirects only while they stay under the host.
   */
  fetch: typeof globalThis.fetch
  /** Aborts the request (Ctrl-C). */
  signal: AbortSignal
  /** Give up after this long; default 30 s. */
  timeoutMs?: number
}

/** The error code of an API answer that is not 2xx (other than 401/403). */
export const HTTP_ERROR = 'HTTP_ERROR'

/**
 * Sends an `api` request through the session's fetch. A redirect the session did not follow
 * (to another origin, or out of the host's base path: it would carry the token away) is refused.
 * @throws NetworkError (exit 5): the server cannot be reached, times out (`NETWORK_TIMEOUT`),
 * redirects elsewhere (`HTTP_ERROR`) or in a loop; CancelledError (exit 130) on Ctrl-C.
 * @example `const response = await sendApiRequest(request, { fetch: auth.fetch, signal })`
 */
export async function sendApiRequest(request: ApiRequest, options: SendApiRequestOptions): Promise<Response> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)])
  let response: Response
  try {
    response = await options.fetch(request.url, { method: request.method, headers: request.headers, signal, ...(request.body !== undefined && { body: request.body }) })
  } catch (error) {
    throw toAuthError(error, { operation: `api request (${request.method} ${request.url.pathname})`, host: request.url.origin })
  }
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null
  if (location === null) return response
  await response.body?.cancel().catch(() => {})
  const to = URL.canParse(location, request.url.href) ? new URL(location, request.url) : undefined
  const where = to === undefined ? 'an address that is not a URL' : `${to.origin}${to.pathname}`
  throw new NetworkError(`${request.url.origin}${request.url.pathname}: the server redirected to ${where}, away from the host; not followed, so the token stays here`, {
    code: HTTP_ERROR,
    exitCode: ExitCode.NETWORK,
    hint: 'call the final URL directly, on its own host (--host)',
  })
}
