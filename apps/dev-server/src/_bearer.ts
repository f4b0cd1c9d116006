// Who is calling /api/*: a bearer access token issued by oidc-provider, a client-credentials
// token, or a personal access token.
import type { Provider, TokenModel } from 'oidc-provider'
import { describeAccount } from './_accounts.js'
import type { PasswordSessions } from './_password-sessions.js'
import type { PatStore } from './_pats.js'
import { PAT_PREFIX } from './constants.js'

/** The caller behind a valid token. */
export interface Identity {
  readonly login: string
  readonly name: string
  readonly email: string | null
  readonly scopes: readonly string[]
  readonly tokenType: 'pat' | 'access_token' | 'client_credentials' | 'session'
  readonly clientId: string | null
  /** When a PAT minted with a lifetime expires (epoch ms). */
  readonly expiresAt?: number
}

/** A resolved token, or why there is none. */
export type BearerResult = { readonly ok: true; readonly identity: Identity } | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'invalid' | 'expired' }

// RFC 6750 §2.1: "Bearer" 1*SP b64token
const BEARER = /^Bearer +([\w.~+/-]+=*)$/i

/** Resolves the `Authorization` header of a request. */
export async function resolveBearer(header: string | undefined, provider: Provider, pats: PatStore, sessions?: PasswordSessions): Promise<BearerResult> {
  if (header === undefined || !/^Bearer\b/i.test(header)) return { ok: false, reason: 'missing' }
  const token = BEARER.exec(header.trim())?.[1]
  if (token === undefined) return { ok: false, reason: 'malformed' }
  if (token.startsWith(PAT_PREFIX)) return fromPat(pats, token)
  const session = sessions?.verify(token)
  if (session === 'expired') return { ok: false, reason: 'expired' }
  if (session !== undefined) return { ok: true, identity: session }
  const accessToken = await provider.AccessToken.find(token, { ignoreExpiration: true })
  if (accessToken !== undefined) return fromOAuth(accessToken, 'access_token')
  const clientToken = await provider.ClientCredentials.find(token, { ignoreExpiration: true })
  if (clientToken !== undefined) return fromOAuth(clientToken, 'client_credentials')
  return { ok: false, reason: 'invalid' }
}

function fromPat(pats: PatStore, token: string): BearerResult {
  const record = pats.find(token)
  if (record === undefined) return { ok: false, reason: 'invalid' }
  const { login, name, email, scopes, expiresAt } = record
  return { ok: true, identity: { login, name, email, scopes, tokenType: 'pat', clientId: null, ...(Number.isFinite(expiresAt) && { expiresAt }) } }
}

function fromOAuth(token: TokenModel, tokenType: 'access_token' | 'client_credentials'): BearerResult {
  if (token.isExpired) return { ok: false, reason: 'expired' }
  const scopes = [...token.scopes].filter((s) => s !== '')
  const clientId = token.clientId ?? null
  if (tokenType === 'client_credentials' || token.accountId === undefined) {
    const login = clientId ?? 'unknown-client'
    return { ok: true, identity: { login, name: login, email: null, scopes, tokenType, clientId } }
  }
  const { login, name, email } = describeAccount(token.accountId)
  return { ok: true, identity: { login, name, email, scopes, tokenType, clientId } }
}
