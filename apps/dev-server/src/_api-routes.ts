// The resource server on the same port: /api/v1/profile and /api/v1/echo.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Provider } from 'oidc-provider'
import { resolveBearer, type BearerResult, type Identity } from './_bearer.js'
import type { Counters } from './_counters.js'
import { HttpError, isJson, readText, sendJson } from './_http.js'
import type { PasswordSessions } from './_password-sessions.js'
import type { PatStore } from './_pats.js'
import { API_ACCEPTED_SCOPES } from './constants.js'

/** What the API routes need from the server. */
export interface ApiContext {
  readonly provider: Provider
  readonly pats: PatStore
  readonly sessions: PasswordSessions
  readonly counters: Counters
}

type Handler = (req: IncomingMessage, url: URL, identity: Identity) => Promise<unknown>

interface ApiRoute {
  readonly counter: string
  readonly methods: readonly string[]
  readonly handle: Handler
}

const ROUTES: Record<string, ApiRoute> = {
  '/api/v1/profile': { counter: 'profile', methods: ['GET', 'HEAD'], handle: profile },
  '/api/v1/echo': { counter: 'echo', methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], handle: echo },
}

const REALM = 'Bearer realm="dev-server"'

/** Answers a request under `/api/`. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<void> {
  const route = ROUTES[url.pathname]
  if (route === undefined) throw new HttpError(404, 'not_found', `no API route ${url.pathname}`)
  ctx.counters.increment(route.counter)
  if (!route.methods.includes(req.method ?? '')) {
    res.setHeader('allow', route.methods.join(', '))
    throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`)
  }
  const auth = await resolveBearer(req.headers.authorization, ctx.provider, ctx.pats, ctx.sessions)
  if (!auth.ok) return sendUnauthorized(res, auth.reason)
  const headers = scopeHeaders(auth.identity)
  if (!auth.identity.scopes.some((s) => (API_ACCEPTED_SCOPES as readonly string[]).includes(s))) {
    return sendInsufficientScope(res, auth.identity, headers)
  }
  sendJson(res, 200, await route.handle(req, url, auth.identity), headers)
}

/** GitHub-style scope headers: what the token has, and what the route accepts; and when a PAT with a lifetime expires. */
function scopeHeaders(identity: Identity): Record<string, string> {
  return {
    'x-oauth-scopes': identity.scopes.join(', '),
    'x-accepted-oauth-scopes': API_ACCEPTED_SCOPES.join(', '),
    ...(identity.expiresAt !== undefined && { 'github-authentication-token-expiration': new Date(identity.expiresAt).toISOString() }),
  }
}

const UNAUTHORIZED: Record<Exclude<BearerResult, { ok: true }>['reason'], [number, string, string]> = {
  missing: [401, 'unauthorized', 'missing bearer token: send Authorization: Bearer <token>'],
  malformed: [400, 'invalid_request', 'malformed Authorization header: expected Bearer <token>'],
  invalid: [401, 'invalid_token', 'the access token is invalid or revoked'],
  expired: [401, 'invalid_token', 'the access token expired'],
}

/** RFC 6750 §3: no error code when no token was sent; `invalid_token` otherwise. */
function sendUnauthorized(res: ServerResponse, reason: keyof typeof UNAUTHORIZED): void {
  const [status, error, description] = UNAUTHORIZED[reason]
  const challenge = reason === 'missing' ? REALM : `${REALM}, error="${error}", error_description="${description}"`
  sendJson(res, status, { error, error_description: description }, { 'www-authenticate': challenge })
}

function sendInsufficientScope(res: ServerResponse, identity: Identity, headers: Record<string, string>): void {
  const accepted = API_ACCEPTED_SCOPES.join(' ')
  const description = `the token needs one of these scopes: ${accepted}`
  sendJson(
    res,
    403,
    { error: 'insufficient_scope', error_description: description, scopes: identity.scopes, accepted_scopes: API_ACCEPTED_SCOPES },
    { ...headers, 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${accepted}"` },
  )
}

async function profile(req: IncomingMessage, _url: URL, identity: Identity): Promise<unknown> {
  const { login, name, email, scopes, tokenType, clientId } = identity
  // The tenant the client sent (X-Tenant), echoed (only when sent) so a product can show which tenant it acts in.
  const tenant = req.headers['x-tenant']
  return { login, name, email, scopes, tokenType, clientId, ...(tenant !== undefined && { tenant }) }
}

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])

async function echo(req: IncomingMessage, url: URL, identity: Identity): Promise<unknown> {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HIDDEN_HEADERS.has(name)))
  const text = await readText(req)
  return {
    tenant: req.headers['x-tenant'] ?? null,
    login: identity.login,
    scopes: identity.scopes,
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: parseBody(text, isJson(req)),
  }
}

function parseBody(text: string, json: boolean): unknown {
  if (text === '') return null
  if (!json) return text
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'invalid_request', 'the body is not valid JSON')
  }
}
