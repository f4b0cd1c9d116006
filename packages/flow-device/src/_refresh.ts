// Renewing a device-flow credential with its refresh token (RFC 6749 §6). Internal.
import { AuthenticationError, ErrorCode, ExitCode, NetworkError, toAuthError, type Credential, type LoginContext, type RefreshOptions } from '@auth/core'
import { accountFromProfile, invalidOption, isRecord, isScopeToken, tokenResponseFields } from '@auth/core/kit'
import { refreshTokenGrant, type Configuration } from 'openid-client'
import type { ConfigFor } from './_client.js'
import { loginHint } from './_errors.js'
import { guard } from './_guard.js'
import type { Settings } from './_options.js'
import { runtimeOf } from './_runtime.js'
import { assertSameServer } from './_same-server.js'
import type { TokenResponse } from './_token-request.js'

/**
 * Spends the refresh token once and returns the renewed credential, with the NEW refresh token
 * when the server rotates them (the old one is then spent: the caller must store the result).
 * `options.scopes` asks for a narrower token: the `scope` parameter of the refresh-token grant,
 * which may only name scopes the credential has (RFC 6749 §6).
 * @throws ConfigError `CONFIG_ERROR` when `options.scopes` is malformed or asks for a scope the
 *   credential does not have (a wider token needs a new login).
 */
export async function refresh(settings: Settings, configFor: ConfigFor, credential: Credential, ctx: LoginContext, options?: RefreshOptions): Promise<Credential> {
  const runtime = runtimeOf(settings, ctx)
  const refreshToken = typeof credential?.refreshToken === 'string' ? credential.refreshToken : ''
  if (refreshToken === '') {
    throw new AuthenticationError('the credential has no refresh token', { code: ErrorCode.LOGIN_REQUIRED, hint: loginHint(settings.cliName, false) })
  }
  const scopes = narrowedScopes(credential, options, settings.cliName)
  const config = await guard(() => configFor(runtime), runtime.signal)
  assertSameServer(credential, config, settings.cliName)
  const tokens = await guard(() => grant(config, refreshToken, scopes), runtime.signal)
  const result = renewed(credential, tokens, runtime.now(), settings.cliName)
  return scopes !== undefined && tokens.scope === undefined ? { ...result, scopes } : result
}

/** `options.scopes`, checked: scope tokens the credential has. Undefined: the credential's scopes. */
function narrowedScopes(credential: Credential, options: RefreshOptions | undefined, cliName: string | undefined): string[] | undefined {
  const value: unknown = isRecord(options) ? options.scopes : undefined
  if (value === undefined) return undefined
  const invalid = (what: string, hint?: string): never => invalidOption('@auth/flow-device', 'refresh', what, hint)
  const requested: string[] = Array.isArray(value) && value.length > 0 && value.every(isScopeToken) ? value : invalid('"options.scopes" must be a non-empty array of scope names')
  const held = new Set(Array.isArray(credential.scopes) ? credential.scopes : [])
  const wider = requested.filter((s) => !held.has(s))
  if (wider.length > 0) {
    invalid(`"options.scopes" asks for scopes the credential does not have (${wider.join(' ')}); a refresh can only narrow them`, loginHint(cliName, true, ' with those scopes'))
  }
  return [...new Set(requested)]
}

async function grant(config: Configuration, refreshToken: string, scopes: string[] | undefined): Promise<TokenResponse> {
  try {
    return await refreshTokenGrant(config, refreshToken, scopes === undefined ? undefined : { scope: scopes.join(' ') })
  } catch (error) {
    throw toAuthError(error, { operation: 'refresh', host: new URL(config.serverMetadata().issuer).origin })
  }
}

/**
 * The credential after a refresh: new tokens, the old refresh and ID tokens only where the
 * server sent no new ones, the account kept (filled in from a new ID token where empty).
 * @throws NetworkError `BAD_RESPONSE` when a new ID token names another subject (OIDC Core §12.2).
 */
export function renewed(old: Credential, tokens: TokenResponse, now: number, cliName: string | undefined): Credential {
  const fields = tokenResponseFields(tokens, { now, operation: 'refresh' })
  const claims = tokens.claims()
  if (claims !== undefined && old.account?.id !== undefined && claims.sub !== old.account.id) {
    throw new NetworkError('refresh failed: the new ID token names another user than the credential', {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: loginHint(cliName, true),
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
    flow: old.flow ?? 'device',
    obtainedAt: now,
  }
}
