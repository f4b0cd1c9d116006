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
  /** The fetch to use: the session's `auth.fetch`, which adds the bearer token and renews on 401. */
  fetch: typeof globalThis.fetch
  /** Aborts the request (Ctrl-C). */
  signal: AbortSignal
  /** Redirects are followed only while they stay under this URL (the host). */
  base: string
  /** Give up after this long; default 30 s. */
  timeoutMs?: number
}

/** The error code of an API answer that is not 2xx (other than 401/403). */
export const HTTP_ERROR = 'HTTP_ERROR'

const MAX_REDIRECTS = 5

/**
 * Sends an `api` request with `Authorization: Bearer TOKEN`, following at most 5 redirects and
 * only while they stay under `base` (a redirect elsewhere would carry the token away: it is
 * refused). 303, and 301/302 after a POST, continue as GET without a body, as browsers do.
 * @throws NetworkError (exit 5): the server cannot be reached, times out (`NETWORK_TIMEOUT`), or
 * redirects elsewhere; CancelledError (exit 130) on Ctrl-C.
 * @example `const response = await sendApiRequest(request, { fetch, token, signal, base: host })`
 */
export async function sendApiRequest(request: ApiRequest, options: SendApiRequestOptions): Promise<Response> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)])
  let current = request
  for (let hop = 0; ; hop++) {
    const response = await send(current, options, signal)
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || location === null) return response
    if (hop >= MAX_REDIRECTS) throw redirectError(`more than ${MAX_REDIRECTS} redirects`, request.url)
    current = redirected(current, response.status, new URL(location, current.url), options.base)
  }
}

async function send(request: ApiRequest, options: SendApiRequestOptions, signal: AbortSignal): Promise<Response> {
  try {
    return await options.fetch(request.url, { method: request.method, headers: request.headers, redirect: 'manual', signal, ...(request.body !== undefined && { body: request.body }) })
  } catch (error) {
    throw toAuthError(error, { operation: `api request (${request.method} ${request.url.pathname})`, host: request.url.origin })
  }
}

function redirected(request: ApiRequest, status: number, to: URL, base: string): ApiRequest {
  const root = new URL(base.endsWith('/') ? base : `${base}/`)
  if (to.origin !== root.origin || !`${to.pathname}/`.startsWith(root.pathname)) {
    throw redirectError(`the server redirected to ${to.origin}${to.pathname}, away from ${base}; not followed, so the token stays here`, request.url)
  }
  const asGet = status === 303 || ((status === 301 || status === 302) && request.method === 'POST')
  if (!asGet) return { ...request, url: to }
  const { body: _body, ...rest } = request
  const headers = Object.fromEntries(Object.entries(rest.headers).filter(([k]) => k.toLowerCase() !== 'content-type'))
  return { ...rest, url: to, method: 'GET', headers }
}

function redirectError(problem: string, url: URL): NetworkError {
  return new NetworkError(`${url.origin}${url.pathname}: ${problem}`, { code: HTTP_ERROR, exitCode: ExitCode.NETWORK, hint: 'call the final URL directly, on its own host (--host)' })
}
