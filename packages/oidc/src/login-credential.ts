import { toAuthError, type AccountInfo, type Credential } from '@auth/core'
import { accountFromProfile, badResponse, createFlowFetch, isRecord, readJsonResponse, tokenResponseFields } from '@auth/core/kit'
import { fetchUserInfo, skipSubjectCheck, type Configuration, type TokenEndpointResponse, type TokenEndpointResponseHelpers } from 'openid-client'
import type { OidcCall } from './call.js'

/** A token response as openid-client returns it: checked, the ID token's claims validated. */
export type TokenResponse = TokenEndpointResponse & TokenEndpointResponseHelpers

/** Options of {@link loginCredential}. */
export interface LoginCredentialOptions {
  /** The scopes the login asked for: the credential's when the response names none. */
  scopes: readonly string[]
  /** A JSON profile API to GET instead of the OIDC userinfo endpoint (the flow's `profileUrl`). */
  profileUrl?: URL | undefined
  /** The account as it is known without a profile (a client-credentials grant: the client); no profile is fetched then. */
  account?: AccountInfo | undefined
  /** The flow that logged in; the client's kind by default. */
  kind?: string | undefined
}

/**
 * The credential of a fresh login: the token response's fields (core's `tokenResponseFields`:
 * every token checked and registered as a secret), the account from the profile and the ID
 * token's claims, the issuer and client it belongs to (always recorded: they renew it), the
 * flow, the time. The profile comes from `profileUrl` (a 200 with a JSON object), else the
 * userinfo endpoint (checked against the ID token's `sub`), else nothing; a failed profile
 * request is a warning, since the grant is spent.
 *
 * @throws NetworkError `BAD_RESPONSE` for a malformed token response; the flow's CancelledError after an abort.
 * @example
 * ```ts
 * const tokens = await call.guard(() => authorizationCodeGrant(config, callback, checks))
 * return oidc.loginCredential(tokens, config, call, { scopes, profileUrl })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
 */
export async function loginCredential(tokens: TokenResponse, config: Configuration, call: OidcCall, options: LoginCredentialOptions): Promise<Credential> {
  const now = call.runtime.now()
  const issuer = config.serverMetadata().issuer
  const fields = tokenResponseFields(tokens, { now, operation: 'token request', where: new URL(issuer).origin })
  const claims = tokens.claims()
  const profile = options.account === undefined ? await call.guard(() => fetchProfile(config, call, fields.accessToken, claims?.sub, options.profileUrl)) : undefined
  return {
    ...fields,
    scopes: fields.scopes ?? [...options.scopes],
    account: options.account ?? accountFromProfile(profile, claims),
    issuer,
    clientId: config.clientMetadata().client_id,
    flow: options.kind ?? 'oidc',
    obtainedAt: now,
  }
}

async function fetchProfile(config: Configuration, call: OidcCall, accessToken: string, sub: string | undefined, profileUrl: URL | undefined): Promise<unknown> {
  const server = config.serverMetadata()
  const userinfo = server.userinfo_endpoint
  try {
    if (profileUrl !== undefined) return await fetchJson(profileUrl, accessToken, call)
    if (typeof userinfo !== 'string') return {}
    return await fetchUserInfo(config, accessToken, sub ?? skipSubjectCheck)
  } catch (error) {
    if (call.runtime.signal?.aborted) throw error
    const mapped = toAuthError(error, { operation: 'profile request', host: (profileUrl ?? new URL(userinfo ?? server.issuer)).origin })
    call.output?.warn(`${mapped.message}; the account name comes from the ID token only`)
    return {}
  }
}

/** GET `url` with the bearer token; the answer must be a 200 with a JSON object (read bounded, 1 MiB). */
async function fetchJson(url: URL, accessToken: string, call: OidcCall): Promise<unknown> {
  const where = `${url.origin}${url.pathname}`
  const { runtime } = call
  const fetch = createFlowFetch({ fetch: runtime.fetch, logger: runtime.logger, signal: runtime.signal })
  const response = await fetch(url.href, { method: 'GET', redirect: 'manual', headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` } })
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    throw badResponse(`HTTP ${response.status}`, { operation: 'profile request', where })
  }
  const body = await readJsonResponse(response, { operation: 'profile request', where })
  if (!isRecord(body)) throw badResponse('not a JSON object', { operation: 'profile request', where })
  return body
}
