import { isRecord } from '../kit/assert.js'
import { accountFromProfile } from '../kit/account-from-profile.js'
import { assertSameServer, type OAuthConfigLike } from './assert-same-server.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { AuthenticationError, NetworkError } from '../errors/classes.js'
import { whileNotAborted, type FlowRuntime } from './flow-runtime.js'
import { toAuthError } from '../errors/from-oauth-client-error.js'
import { invalidOption } from '../kit/invalid-option.js'
import { isScopeToken } from '../kit/parse-scope.js'
import { tokenResponseFields } from '../kit/token-response-fields.js'
import type { Credential, RefreshOptions } from '../model/types.js'

/** A token response as openid-client returns it (duck-typed): the fields, and the ID token's claims. */
export interface TokenResponseLike {
  readonly scope?: string | undefined
  claims(): ({ readonly sub: string } & Record<string, unknown>) | undefined
}

/** Options of {@link refreshCredential}. */
export interface RefreshCredentialOptions<C extends OAuthConfigLike, T extends TokenResponseLike> {
  /** The package that speaks, for messages: `@auth/flow-device`. */
  pkg: string
  /** The flow recorded when the old credential names none: `device`. */
  flow: string
  /** The caller's `RefreshOptions` (checked here: `scopes` may only narrow). */
  options?: RefreshOptions | undefined
  /** More grant parameters, e.g. RFC 8707 `resource`. */
  parameters?: URLSearchParams | undefined
  runtime: FlowRuntime
  /** The client configuration of this call (openid-client's `Configuration`). */
  config: () => Promise<C>
  /** The refresh-token grant, injected: `(config, token, params) => refreshTokenGrant(config, token, params)`. */
  grant: (config: C, refreshToken: string, parameters: URLSearchParams) => Promise<T>
  /** How to log in with the package's flow: `` run `mycli auth login --device`[ again][tail] ``. */
  loginHint: (again: boolean, tail?: string) => string
  /** How to log in to the configured server when the credential is another's. */
  sameServerHint: (issuer: string) => string
  /** The package's CancelledError for an abort. */
  cancelled: (cause: unknown) => Error
}

/**
 * Spends the refresh token once and returns the renewed credential, with the NEW refresh token
 * when the server rotates them (the old one is then spent: the caller must store the result).
 * `options.scopes` asks for a narrower token: the grant's `scope`, only scopes the credential has.
 * The credential goes only to the issuer and client it came from ({@link assertSameServer}).
 *
 * @throws AuthenticationError `NOT_REFRESHABLE` without a refresh token, `LOGIN_REQUIRED` for
 *   another server; ConfigError `CONFIG_ERROR` for bad or wider `options.scopes`; the grant's
 *   errors through `toAuthError` (`INVALID_GRANT`, ...); NetworkError `BAD_RESPONSE` for a bad
 *   answer or an ID token of another subject; `cancelled(...)` after an abort.
 * @example
 * ```ts
 * return refreshCredential(credential, { pkg: '@auth/flow-x', flow: 'x', options, runtime, config: () => configFor(runtime),
 *   grant: (config, token, params) => refreshTokenGrant(config, token, params), loginHint, sameServerHint, cancelled })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export async function refreshCredential<C extends OAuthConfigLike, T extends TokenResponseLike>(credential: Credential, o: RefreshCredentialOptions<C, T>): Promise<Credential> {
  const refreshToken = typeof credential?.refreshToken === 'string' ? credential.refreshToken : ''
  if (refreshToken === '') {
    throw new AuthenticationError('the credential has no refresh token', { code: ErrorCode.NOT_REFRESHABLE, hint: o.loginHint(false) })
  }
  const scopes = narrowedScopes(credential, o)
  const parameters = new URLSearchParams(o.parameters)
  if (scopes !== undefined) parameters.set('scope', scopes.join(' '))
  const { signal } = o.runtime
  const config = await whileNotAborted(o.config, signal, o.cancelled)
  const issuer = config.serverMetadata().issuer
  assertSameServer(credential, config, o.sameServerHint(issuer))
  const tokens = await whileNotAborted(
    () => o.grant(config, refreshToken, parameters).catch((error: unknown) => Promise.reject(toAuthError(error, { operation: 'refresh', host: new URL(issuer).origin }))),
    signal,
    o.cancelled,
  )
  const result = renewedCredential(credential, tokens, { now: o.runtime.now(), flow: o.flow, hint: o.loginHint(true) })
  return scopes !== undefined && tokens.scope === undefined ? { ...result, scopes } : result
}

/** `options.scopes`, checked: scope tokens the credential has. Undefined: the credential's scopes. */
function narrowedScopes(credential: Credential, o: Pick<RefreshCredentialOptions<OAuthConfigLike, TokenResponseLike>, 'pkg' | 'options' | 'loginHint'>): string[] | undefined {
  const value: unknown = isRecord(o.options) ? o.options.scopes : undefined
  if (value === undefined) return undefined
  const invalid = (what: string, hint?: string): never => invalidOption(o.pkg, 'refresh', what, hint)
  const requested: string[] = Array.isArray(value) && value.length > 0 && value.every(isScopeToken) ? value : invalid('"options.scopes" must be a non-empty array of scope names')
  const held = new Set(Array.isArray(credential.scopes) ? credential.scopes : [])
  const wider = requested.filter((s) => !held.has(s))
  if (wider.length > 0) {
    invalid(`"options.scopes" asks for scopes the credential does not have (${wider.join(' ')}); a refresh can only narrow them`, o.loginHint(true, ' with those scopes'))
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
 * const renewed = renewedCredential(old, await refreshTokenGrant(config, old.refreshToken), { now: Date.now(), flow: 'device', hint: 'log in again' })
 * ```
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokenResponse
 */
export function renewedCredential(old: Credential, tokens: TokenResponseLike, options: { now: number; flow: string; hint: string }): Credential {
  const { now } = options
  const fields = tokenResponseFields(tokens, { now, operation: 'refresh' })
  const claims = tokens.claims()
  if (claims !== undefined && old.account?.id !== undefined && claims.sub !== old.account.id) {
    throw new NetworkError('refresh failed: the new ID token names another user than the credential', {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: options.hint,
    })
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
    flow: old.flow ?? options.flow,
    obtainedAt: now,
  }
}
