/**
 * The session's authenticated `fetch`: bearer token and tenant header on requests to the
 * host's origin only (redirects followed on that origin only, another origin's handed back); on
 * 401 one renewal and one retry, never a second send of a body that cannot be sent twice. Internal.
 */
import { ConfigError } from '../errors/classes.js'
import { ErrorCode } from '../errors/codes.js'
import { fetchFollowingSameOrigin, isUnder } from './same-origin-redirects.js'
import type { SessionSettings } from './settings.js'
import type { SessionCredential } from './types.js'

/** What the fetch needs from the session. */
export interface FetchDeps {
  current(): Promise<SessionCredential>
  /** Renews after the server refused `rejected`; resolves what to retry with. */
  renewAfter401(current: SessionCredential): Promise<SessionCredential | undefined>
}

/**
 * Sends `init` to `input` (relative to the host, or an absolute URL under the host) and says
 * whether it renewed the token after a 401 and sent the request again.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a URL off the host: the token is never sent there.
 */
export async function sessionFetch(s: SessionSettings, deps: FetchDeps, input: string | URL, init: RequestInit = {}): Promise<{ response: Response; renewed: boolean }> {
  const url = resolveOnHost(s.host, input)
  const current = await deps.current()
  const canReplay = replayable(init.body)
  const send = (credential: SessionCredential) => fetchFollowingSameOrigin(s.fetch, new URL(s.host), url, withAuth(s, credential, init), canReplay)
  const response = await send(current)
  if (response.status !== 401 || !canReplay) return { response, renewed: false }
  const renewed = await deps.renewAfter401(current)
  if (!renewed) return { response, renewed: false }
  await response.body?.cancel().catch(() => {})
  s.logger.debug(`${url.origin}${url.pathname} answered 401: renewed the token, retrying once`)
  return { response: await send(renewed), renewed: true }
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

/**
 * Where `auth.fetch` sends `input`: a path is resolved against the host, its base path kept
 * (`/v1/me` under `https://example.com/api` is `https://example.com/api/v1/me`), query kept, any
 * fragment dropped; an absolute URL must lie under the host (same origin, within its base path).
 * A protocol-relative (`//evil.example`) or backslashed input counts as absolute.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for an empty input, control characters, another
 * origin, or a path that climbs out of the host's base path: the token is sent only there.
 * @example `resolveOnHost('https://api.example.com', '/user?fields=id').href` is `'https://api.example.com/user?fields=id'`
 */
export function resolveOnHost(host: string, input: string | URL): URL {
  const raw = input instanceof URL ? input.href : String(input)
  if (raw.trim() === '' || /[\u0000-\u001f\u007f]/.test(raw)) throw offHost('needs a path on the host, like /api/v1/profile')
  const base = new URL(host.endsWith('/') ? host : `${host}/`)
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//') || raw.startsWith('\\\\')
  let url: URL
  try {
    url = absolute ? new URL(raw) : new URL(raw.replace(/^\/+/, ''), base)
  } catch {
    throw offHost(`cannot send to ${JSON.stringify(raw.slice(0, 80))}: not a path or URL`)
  }
  if (!isUnder(url, base)) {
    throw offHost(`refusing to send the token to ${url.origin}${url.pathname}: the session is for ${host}`)
  }
  url.hash = ''
  return url
}

function offHost(what: string): ConfigError {
  return new ConfigError(`@auth/core: auth.fetch ${what}`, { code: ErrorCode.USAGE_ERROR, hint: 'pass a path relative to the host, or create a session for the other host' })
}

/** Whether a body can be sent a second time: absent, text, bytes, form data; not a stream. */
function replayable(body: RequestInit['body']): boolean {
  if (body === undefined || body === null) return true
  if (typeof body === 'string' || body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return true
  if (typeof Blob !== 'undefined' && body instanceof Blob) return true
  if (typeof FormData !== 'undefined' && body instanceof FormData) return true
  return false
}
