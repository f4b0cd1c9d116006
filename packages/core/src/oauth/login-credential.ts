import { isRecord } from '../kit/assert.js'
import { accountFromProfile } from '../kit/account-from-profile.js'
import type { OAuthConfigLike } from './assert-same-server.js'
import { badResponse } from '../errors/bad-response.js'
import { createFlowFetch } from '../kit/flow-fetch.js'
import type { FlowRuntime } from './flow-runtime.js'
import { toAuthError } from '../errors/from-oauth-client-error.js'
import { readJsonResponse } from '../kit/read-response.js'
import type { TokenResponseLike } from './refresh-credential.js'
import { tokenResponseFields } from '../kit/token-response-fields.js'
import type { Credential, Output } from '../model/types.js'

/** Options of {@link fetchProfile}. */
export interface FetchProfileOptions {
  /** The client configuration of the login (openid-client's `Configuration`). */
  config: OAuthConfigLike
  /** The fresh access token. */
  accessToken: string
  /** The ID token's `sub`, when there is one: the userinfo answer must name it. */
  sub: string | undefined
  /** The flow's `profileUrl` option: a JSON profile API to GET instead of userinfo. */
  profileUrl: URL | undefined
  /** The userinfo request, injected: `(token, sub) => fetchUserInfo(config, token, sub ?? skipSubjectCheck)`. */
  userinfo: (accessToken: string, sub: string | undefined) => Promise<unknown>
  runtime: FlowRuntime
  /** Where the warning goes when the profile cannot be had. */
  output: Output | undefined
  /** The package's CancelledError for an abort. */
  cancelled: (cause: unknown) => Error
}

/**
 * Fetches the profile after a login: `profileUrl` when set (a 200 with a JSON object, read
 * bounded), else the OIDC userinfo endpoint (checked against the ID token's `sub`), else nothing.
 * A failure does not lose the login (the grant is spent): it is a warning, and the account then
 * comes from the ID token alone.
 *
 * @returns The profile object, or `{}`.
 * @throws What `cancelled` returns (CancelledError `CANCELLED`) when the signal aborted; nothing else.
 * @example
 * ```ts
 * const profile = await fetchProfile({ config, accessToken, sub: claims?.sub, profileUrl, runtime, output: ctx.output, cancelled,
 *   userinfo: (token, sub) => fetchUserInfo(config, token, sub ?? skipSubjectCheck) })
 * ```
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
 */
export async function fetchProfile(o: FetchProfileOptions): Promise<unknown> {
  const server = o.config.serverMetadata()
  const userinfo = server.userinfo_endpoint
  try {
    if (o.profileUrl !== undefined) return await fetchJson(o.profileUrl, o.accessToken, o.runtime)
    if (typeof userinfo !== 'string') return {}
    return await o.userinfo(o.accessToken, o.sub)
  } catch (error) {
    if (o.runtime.signal?.aborted) throw o.cancelled(error)
    const host = (o.profileUrl ?? new URL(userinfo ?? server.issuer)).origin
    const mapped = toAuthError(error, { operation: 'profile request', host })
    o.output?.warn(`${mapped.message}; the account name comes from the ID token only`)
    return {}
  }
}

/** GET `url` with the bearer token; the answer must be a 200 with a JSON object (read bounded, 1 MiB). */
async function fetchJson(url: URL, accessToken: string, runtime: FlowRuntime): Promise<unknown> {
  const where = `${url.origin}${url.pathname}`
  const fetch = createFlowFetch({ fetch: runtime.fetch, logger: runtime.logger, signal: runtime.signal })
  const response = await fetch(url.href, {
    method: 'GET',
    redirect: 'manual',
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
  })
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    throw badResponse(`HTTP ${response.status}`, { operation: 'profile request', where })
  }
  const body = await readJsonResponse(response, { operation: 'profile request', where })
  if (!isRecord(body)) throw badResponse('not a JSON object', { operation: 'profile request', where })
  return body
}

/** Options of {@link loginCredential}. */
export interface LoginCredentialOptions extends Omit<FetchProfileOptions, 'accessToken' | 'sub'> {
  /** The scopes the login asked for: the credential's when the response names none. */
  scopes: readonly string[]
  /** The flow that logged in: `device`, `pkce`. */
  flow: string
}

/**
 * The credential of a fresh login: the token response's fields ({@link tokenResponseFields}),
 * the account from the profile ({@link fetchProfile}) and the ID token's claims, the issuer and
 * client it belongs to, the flow, the time.
 *
 * @throws NetworkError `BAD_RESPONSE` for a malformed token response; what `cancelled` returns after an abort.
 * @example
 * ```ts
 * const tokens = await authorizationCodeGrant(config, callback, checks)
 * return loginCredential(tokens, { config, scopes, flow: 'pkce', profileUrl, runtime, output: ctx.output, cancelled,
 *   userinfo: (token, sub) => fetchUserInfo(config, token, sub ?? skipSubjectCheck) })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export async function loginCredential(tokens: TokenResponseLike, o: LoginCredentialOptions): Promise<Credential> {
  const now = o.runtime.now()
  const issuer = o.config.serverMetadata().issuer
  const fields = tokenResponseFields(tokens, { now, operation: 'token request', where: new URL(issuer).origin })
  const claims = tokens.claims()
  const profile = await fetchProfile({ ...o, accessToken: fields.accessToken, sub: claims?.sub })
  return {
    ...fields,
    scopes: fields.scopes ?? [...o.scopes],
    account: accountFromProfile(profile, claims),
    issuer,
    clientId: o.config.clientMetadata().client_id,
    flow: o.flow,
    obtainedAt: now,
  }
}
