/**
 * Redirects for the session's fetch: followed under the host only (its origin and base path),
 * so that the bearer token and the tenant header never reach another origin. Internal.
 */
import { NetworkError } from '../errors/classes.js'

/** At most this many redirects are followed for one request (fetch's own limit is 20). */
export const MAX_REDIRECTS = 10

const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']

/**
 * Sends `init` to `url` with `redirect: 'manual'` and follows the redirects that stay under `host`
 * (its origin, and its base path: `https://h/api` keeps to `/api/...`), at most {@link MAX_REDIRECTS}: 303 (and 301/302 after a POST) become a GET without the body, as
 * fetch does; 307 and 308 keep the method and the body, when the body can be sent again
 * (`replayable`), else the redirect is returned. A redirect elsewhere (another origin, or out of
 * the base path) is returned to the caller as is: nothing is sent there. The caller's own `redirect` (`manual`, `error`) is passed
 * through untouched.
 * @throws NetworkError `NETWORK_ERROR` (exit 5) after too many redirects.
 * @see https://fetch.spec.whatwg.org/#http-redirect-fetch
 */
export async function fetchFollowingSameOrigin(fetch: typeof globalThis.fetch, host: URL, url: URL, init: RequestInit, replayable: boolean): Promise<Response> {
  if (init.redirect !== undefined && init.redirect !== 'follow') return fetch(url, init)
  let current = url
  let request: RequestInit = { ...init, redirect: 'manual' }
  for (let hops = 0; ; hops++) {
    const response = await fetch(current, request)
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null
    if (location === null) return response
    let next: URL
    try {
      next = new URL(location, current)
    } catch {
      return response
    }
    if (!isUnder(next, host)) return response
    const toGet = response.status === 303 ? request.method?.toUpperCase() !== 'HEAD' : (response.status === 301 || response.status === 302) && request.method?.toUpperCase() === 'POST'
    if (!toGet && !replayable && request.body != null) return response
    if (hops >= MAX_REDIRECTS) {
      await response.body?.cancel().catch(() => {})
      throw new NetworkError(`${url.origin}${url.pathname} redirected more than ${MAX_REDIRECTS} times`, { hint: 'check the URL; the server may be redirecting in a loop' })
    }
    await response.body?.cancel().catch(() => {})
    request = toGet ? asGet(request) : request
    current = next
  }
}

function asGet(init: RequestInit): RequestInit {
  const headers = new Headers(init.headers)
  for (const name of BODY_HEADERS) headers.delete(name)
  const { body: _body, ...rest } = init
  return { ...rest, method: 'GET', headers }
}

/** Whether `url` is on `host`'s origin and under its base path (`https://h/api` holds `/api` and `/api/x`, not `/apix`). */
export function isUnder(url: URL, host: URL): boolean {
  const base = host.pathname.endsWith('/') ? host.pathname : `${host.pathname}/`
  return url.origin === host.origin && `${url.pathname}/`.startsWith(base)
}
