import { AuthenticationError, ErrorCode, ExitCode, NetworkError, toAuthError, type Credential, type RefreshOptions } from '@auth/core'
import { accountFromProfile, invalidOption, isRecord, isScopeToken, tokenResponseFields } from '@auth/core/kit'
import { refreshTokenGrant } from 'openid-client'
import type { OidcCall } from './call.js'
import type { OidcClient } from './client.js'
import type { TokenResponse } from './login-credential.js'

/**
 * Spends the refresh token once, at the issuer and client the credential recorded (else the
 * flow's), and returns the renewed credential, with the NEW refresh token when the server
 * rotates them (the old one is then spent: the caller must store the result).
 * `options.scopes` asks for a narrower token: the grant's `scope`, only scopes the credential has.
 *
 * @throws AuthenticationError `NOT_REFRESHABLE` without a refresh token or with an unusable
 *   recorded issuer; ConfigError `CONFIG_ERROR` for bad or wider `options.scopes`; the grant's
 *   errors through `toAuthError` (`INVALID_GRANT`, `INVALID_CLIENT`, ...); NetworkError
 *   `BAD_RESPONSE` for a bad answer or an ID token of another subject; the flow's CancelledError.
 * @example
 * ```ts
 * const renewed = await refreshCredential(oidc, oidc.call(ctx), credential, { scopes: ['read'] })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export async function refreshCredential(client: OidcClient, call: OidcCall, credential: Credential, options?: RefreshOptions): Promise<Credential> {
  const refreshToken = typeof credential?.refreshToken === 'string' ? credential.refreshToken : ''
  if (refreshToken === '') throw new AuthenticationError('the credential has no refresh token', { code: ErrorCode.NOT_REFRESHABLE, hint: client.hints.login() })
  const scopes = narrowedScopes(client, credential, options)
  const parameters = new URLSearchParams(client.refreshParameters)
  if (scopes !== undefined) parameters.set('scope', scopes.join(' '))
  const config = await call.configuration(client.serverOf(credential, call, 'renewing'))
  const issuer = config.serverMetadata().issuer
  const tokens = await call.guard(() =>
    refreshTokenGrant(config, refreshToken, parameters).catch((error: unknown) => Promise.reject(toAuthError(error, { operation: 'refresh', host: new URL(issuer).origin }))),
  )
  const renewed = renewedCredential(credential, tokens, { now: call.runtime.now(), kind: client.kind, hint: client.hints.login(true) })
  return { ...renewed, issuer: renewed.issuer ?? issuer, clientId: renewed.clientId ?? config.clientMetadata().client_id, ...(scopes !== undefined && tokens.scope === undefined && { scopes }) }
}

/** `options.scopes`, checked: scope tokens the credential has. Undefined: the credential's scopes. */
function narrowedScopes(client: OidcClient, credential: Credential, options: RefreshOptions | undefined): string[] | undefined {
  const value: unknown = isRecord(options) ? options.scopes : undefined
  if (value === undefined) return undefined
  const invalid = (what: string, hint?: string): never => invalidOption(client.pkg, 'refresh', what, hint)
  const requested: string[] = Array.isArray(value) && value.length > 0 && value.every(isScopeToken) ? value : invalid('"options.scopes" must be a non-empty array of scope names')
  const held = new Set(Array.isArray(credential.scopes) ? credential.scopes : [])
  const wider = requested.filter((s) => !held.has(s))
  if (wider.length > 0) {
    invalid(`"options.scopes" asks for scopes the credential does not have (${wider.join(' ')}); a refresh can only narrow them`, client.hints.login(true, ' with those scopes'))
  }
  return [...new Set(requested)]
}

/**
 * The credential after a refresh: new tokens, the old refresh and ID tokens only where the
 * server sent no new ones, the account kept (filled in from a new ID token where empty), no `source`.
 *
 * @throws NetworkError `BAD_RESPONSE` when a new ID token names another subject (OIDC Core §12.2),
 *   with `options.hint` (how to log in again); or for a malformed token field.
 * @example
 * ```ts
 * const renewed = renewedCredential(old, await refreshTokenGrant(config, old.refreshToken), { now: Date.now(), kind: 'device', hint: 'log in again' })
 * ```
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokenResponse
 */
export function renewedCredential(old: Credential, tokens: TokenResponse, options: { now: number; kind: string; hint: string }): Credential {
  const { now } = options
  const fields = tokenResponseFields(tokens, { now, operation: 'refresh' })
  const claims = tokens.claims()
  if (claims !== undefined && old.account?.id !== undefined && claims.sub !== old.account.id) {
    throw new NetworkError('refresh failed: the new ID token names another user than the credential', { code: ErrorCode.BAD_RESPONSE, exitCode: ExitCode.NETWORK, hint: options.hint })
  }
  const refreshToken = fields.refreshToken ?? old.refreshToken
  const idToken = fields.idToken ?? old.idToken
  return {
    accessToken: fields.accessToken,
    tokenType: fields.tokenType,
    ...(fields.expiresAt !== undefined && { expiresAt: fields.expiresAt }),
    ...(refreshToken !== undefined && { refreshToken }),
    ...(idToken !== undefined && { idToken }),
    scopes: fields.scopes ?? [...(old.scopes ?? [])],
    account: { ...accountFromProfile(claims), ...old.account },
    ...(old.tenant !== undefined && { tenant: old.tenant }),
    ...(old.issuer !== undefined && { issuer: old.issuer }),
    ...(old.clientId !== undefined && { clientId: old.clientId }),
    flow: old.flow ?? options.kind,
    obtainedAt: now,
  }
}
