/**
 * The session's authenticated `fetch`: bearer token and tenant header on requests to the
 * host's origin only (redirects followed on that origin only, another origin's handed back); on
 * 401 one renewal and one retry, never a second send of a body that cannot be sent twice. Internal.
 */
import { invalid } from '../kit/assert.js'
import { fetchFollowingSameOrigin } from './same-origin-redirects.js'
import type { SessionSettings } from './settings.js'
import type { SessionCredential } from './types.js'

/** What the fetch needs from the session. */
export interface FetchDeps {
  current(): Promise<SessionCredential>
  /** Renews after the server refused `rejected`; resolves what to retry with. */
  renewAfter401(current: SessionCredential): Promise<SessionCredential | undefined>
}

/**
 * Sends `init` to `input` (relative to the host, or an absolute URL on the host's origin).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for a URL on another origin: the token is never sent there.
 */
export async function sessionFetch(s: SessionSettings, deps: FetchDeps, input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = resolveOnHost(s.host, input)
  const current = await deps.current()
  const canReplay = replayable(init.body)
  const send = (credential: SessionCredential) => fetchFollowingSameOrigin(s.fetch, url, withAuth(s, credential, init), canReplay)
  const response = await send(current)
  if (response.status !== 401 || !canReplay) return response
  const renewed = await deps.renewAfter401(current)
  if (!renewed) return response
  await response.body?.cancel().catch(() => {})
  s.logger.debug(`${url.origin}${url.pathname} answered 401: renewed the token, retrying once`)
  return send(renewed)
}

function withAuth(s: SessionSettings, current: SessionCredential, init: RequestInit): RequestInit {
  const headers = new Headers(init.headers)
  const { credential } = current
  const type = /^bearer$/i.test(credential.tokenType) ? 'Bearer' : credential.tokenType
  headers.set('authorization', `${type} ${credential.accessToken}`)
  const tenant = s.tenant ?? credential.tenant
  if (tenant !== undefined && tenant !== '' && !headers.has(s.tenantHeader)) headers.set(s.tenantHeader, tenant)
  return { ...init, headers, ...(s.signal && init.signal === undefined && { signal: s.signal }) }
}

/** A path is resolved against the host (its base path kept); an absolute URL must share the host's origin exactly. */
export function resolveOnHost(host: string, input: string | URL): URL {
  const base = new URL(host.endsWith('/') ? host : `${host}/`)
  const raw = input instanceof URL ? input.href : String(input)
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(raw)
  const url = absolute ? new URL(raw) : new URL(raw.replace(/^\/+/, ''), base)
  if (url.origin !== base.origin) {
    invalid('auth.fetch', `refusing to send the token to ${url.origin}: the session is for ${base.origin}`, 'pass a path on the host, or create a session for that host')
  }
  return url
}

/** Whether a body can be sent a second time: absent, text, bytes, form data; not a stream. */
function replayable(body: RequestInit['body']): boolean {
  if (body === undefined || body === null) return true
  if (typeof body === 'string' || body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return true
  if (typeof Blob !== 'undefined' && body instanceof Blob) return true
  if (typeof FormData !== 'undefined' && body instanceof FormData) return true
  return false
}
