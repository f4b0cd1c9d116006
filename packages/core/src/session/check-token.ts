/**
 * Asks the server whether a stored access token still works (`status({ verify: true })`): the
 * product's profile URL when it has one, else the issuer's token introspection (RFC 7662, as the
 * public client the credential was issued to), else its OIDC userinfo. Never a renewal, never a
 * login; every request bounded (time, body), no redirect followed, the token only sent to the
 * host's or its issuer's endpoints over https (http on loopback). Internal.
 */
import { isRecord } from '../kit/assert.js'
import { isLoopbackHost } from '../model/host.js'
import { isExpired } from '../model/freshness.js'
import type { SessionSettings } from './settings.js'
import type { TokenCheck } from './types.js'
import type { Credential } from '../model/types.js'

/** Each request of a check gives up after this long. */
export const CHECK_TIMEOUT_MS = 10_000

/** The most bytes of an answer read (a hostile server cannot make status buffer more). */
const MAX_BYTES = 256 * 1024

/** One line of server or stored text: no control or bidi characters, at most `max` long. (Kept small: createAuth's bundle.) */
function clean(text: string, max = 300): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').slice(0, max)
}

type Answer = TokenCheck | undefined

/**
 * What the server says of `credential`'s access token. Never throws for what the server answers
 * or for a network failure: those are `failed`, with the reason.
 */
export async function checkToken(s: SessionSettings, credential: Credential, host: string): Promise<TokenCheck> {
  if (credential.needsLogin === true) return { result: 'skipped', detail: 'the server refused to renew it' }
  if (isExpired(credential, { now: s.now, skewMs: 0 })) return { result: 'skipped', detail: 'the access token has expired' }
  if (credential.tokenType.toLowerCase() !== 'bearer') return { result: 'skipped', detail: `a ${clean(credential.tokenType, 40)} token is not checked` }
  const timeout = AbortSignal.timeout(CHECK_TIMEOUT_MS)
  const signal = s.signal ? AbortSignal.any([s.signal, timeout]) : timeout
  const fetch: Fetch = async (url, init) => {
    const response = await s.fetch(url, { ...init, redirect: 'manual', signal })
    s.logger.debug(`token check: ${init.method} ${clean(url.replace(/[?#].*$/, ''))} -> ${response.status}`)
    return response
  }
  try {
    if (s.profileUrl !== undefined) return await getProfile(fetch, endpoint(s.profileUrl, host), credential, s)
    const issuer = credential.issuer ?? host
    const metadata = await discover(fetch, issuer)
    const introspection = metadata?.introspection
    if (introspection !== undefined && credential.clientId !== undefined && credential.flow !== 'client-credentials') {
      const answer = await introspect(fetch, introspection, credential)
      if (answer) return answer
    }
    const userinfo = metadata?.userinfo
    if (userinfo !== undefined && (credential.scopes.includes('openid') || credential.idToken !== undefined)) return await getProfile(fetch, userinfo, credential, s)
    return { result: 'skipped', detail: `${new URL(issuer).host} offers no way to check this token (give the product's profile URL)` }
  } catch (error) {
    if (s.signal?.aborted === true) throw error
    const reason = timeout.aborted ? `no answer within ${CHECK_TIMEOUT_MS / 1000} s` : error instanceof Error ? error.message : String(error)
    return { result: 'failed', detail: clean(reason) }
  }
}

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>

/**
 * A URL the token may go to, relative to `base`: https, or plain http on a loopback host (or when
 * `base` itself is plain http: a session that allows it); never with a user name or password.
 * @throws Error for anything else (the check then says `failed`).
 */
function endpoint(value: string, base: string): URL {
  const url = new URL(value, `${base}/`)
  const insecureOk = url.protocol === 'http:' && (isLoopbackHost(url.hostname) || base.startsWith('http:'))
  if ((url.protocol !== 'https:' && !insecureOk) || url.username !== '' || url.password !== '') throw new Error(`the token check URL ${clean(url.origin)} is not https`)
  url.hash = ''
  return url
}

/** The answer's JSON, read at most {@link MAX_BYTES}; `undefined` when it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  const length = Number(response.headers.get('content-length') ?? Number.NaN)
  if (length > MAX_BYTES) throw new Error(`the answer is larger than ${MAX_BYTES} bytes`)
  const reader = response.body?.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const next = await reader?.read()
    if (!next || next.done) break
    size += next.value.byteLength
    if (size > MAX_BYTES) {
      await reader?.cancel().catch(() => {})
      throw new Error(`the answer is larger than ${MAX_BYTES} bytes`)
    }
    chunks.push(next.value)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return undefined
  }
}

async function discover(fetch: Fetch, issuer: string): Promise<{ introspection?: URL; userinfo?: URL } | undefined> {
  const base = issuer.replace(/\/+$/, '')
  const url = new URL(`${base}/.well-known/openid-configuration`)
  const response = await fetch(url.href, { method: 'GET', headers: { accept: 'application/json' } })
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    return undefined
  }
  const doc = await readJson(response)
  if (!isRecord(doc) || typeof doc.issuer !== 'string' || doc.issuer.replace(/\/+$/, '') !== base) return undefined
  const at = (value: unknown): URL | undefined => {
    if (typeof value !== 'string') return undefined
    try {
      const parsed = endpoint(value, base)
      // Plain http only where the issuer itself is plain http on loopback.
      return parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  const introspection = at(doc.introspection_endpoint)
  const userinfo = at(doc.userinfo_endpoint)
  return { ...(introspection && { introspection }), ...(userinfo && { userinfo }) }
}

/** RFC 7662 as the public client: `undefined` when the server will not answer this client (then userinfo). */
async function introspect(fetch: Fetch, url: URL, credential: Credential): Promise<Answer> {
  const body = new URLSearchParams({ token: credential.accessToken, token_type_hint: 'access_token', client_id: credential.clientId as string })
  const response = await fetch(url.href, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  })
  const where = `${url.origin}${url.pathname}`
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    return undefined
  }
  const doc = await readJson(response)
  if (!isRecord(doc) || typeof doc.active !== 'boolean') return undefined
  if (!doc.active) return { result: 'refused', endpoint: where, detail: 'introspection says the token is not active' }
  const scopes = typeof doc.scope === 'string' ? doc.scope.split(' ').filter((scope) => /^[\x21-\x7e]{1,200}$/.test(scope)) : undefined
  return { result: 'accepted', endpoint: where, ...(scopes && { scopes }) }
}

async function getProfile(fetch: Fetch, url: URL, credential: Credential, s: SessionSettings): Promise<TokenCheck> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${credential.accessToken}` }
  if (credential.tenant !== undefined && s.profileUrl !== undefined) headers[s.tenantHeader.toLowerCase()] = credential.tenant
  const response = await fetch(url.href, { method: 'GET', headers })
  const where = `${url.origin}${url.pathname}`
  await response.body?.cancel().catch(() => {})
  if (response.status >= 200 && response.status < 300) return { result: 'accepted', endpoint: where }
  if (response.status === 401) return { result: 'refused', endpoint: where, detail: `${where} answered HTTP 401` }
  // 403: the server knows the token, which lacks a scope for this endpoint.
  if (response.status === 403) return { result: 'accepted', endpoint: where, detail: `${where} answered HTTP 403 (the token lacks a scope for it)` }
  return { result: 'failed', endpoint: where, detail: `${where} answered HTTP ${response.status}` }
}
