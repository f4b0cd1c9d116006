// Renewing a browser-flow credential with its refresh token (RFC 6749 §6). Internal.
import { AuthenticationError, ErrorCode, ExitCode, NetworkError, toAuthError, type Credential, type LoginContext } from '@auth/core'
import { refreshTokenGrant, type Configuration } from 'openid-client'
import type { ConfigFor } from './_client.js'
import { loginCommand } from './_errors.js'
import { guard } from './_guard.js'
import { accountFromProfile, isScopeToken, tokenResponseFields } from '@auth/core/kit'
import { invalidOption, type Settings } from './_options.js'
import { runtimeOf } from './_runtime.js'
import { assertSameServer } from './_same-server.js'

type TokenResponse = Awaited<ReturnType<typeof refreshTokenGrant>>

/** Options of a refresh: `scopes` asks for fewer scopes than the login's (RFC 6749 §6 `scope`). */
export interface RefreshOptions {
  scopes?: readonly string[] | undefined
}

/**
 * Spends the refresh token once and returns the renewed credential, with the NEW refresh token
 * when the server rotates them (the old one is then spent: the caller must store the result).
 */
export async function refresh(settings: Settings, configFor: ConfigFor, credential: Credential, ctx: LoginContext, options: RefreshOptions = {}): Promise<Credential> {
  const runtime = runtimeOf(settings, ctx)
  const refreshToken = typeof credential?.refreshToken === 'string' ? credential.refreshToken : ''
  if (refreshToken === '') {
    throw new AuthenticationError('the credential has no refresh token', { code: ErrorCode.NOT_REFRESHABLE, hint: `run ${loginCommand(settings)}` })
  }
  const parameters = grantParameters(settings, options)
  const config = await guard(() => configFor(runtime), runtime.signal)
  assertSameServer(credential, config, loginCommand(settings))
  const tokens = await guard(() => grant(config, refreshToken, parameters), runtime.signal)
  return renewed(credential, tokens, runtime.now(), settings)
}

function grantParameters(settings: Settings, options: RefreshOptions): URLSearchParams {
  const parameters = new URLSearchParams()
  const scopes = options?.scopes
  if (scopes !== undefined) {
    if (!Array.isArray(scopes) || !scopes.every(isScopeToken)) {
      invalidOption('refresh(…, { scopes })', 'must be an array of scope names')
    }
    if (scopes.length > 0) parameters.set('scope', [...new Set(scopes)].join(' '))
  }
  for (const resource of settings.resources) parameters.append('resource', resource)
  return parameters
}

async function grant(config: Configuration, refreshToken: string, parameters: URLSearchParams): Promise<TokenResponse> {
  try {
    return await refreshTokenGrant(config, refreshToken, parameters)
  } catch (error) {
    throw toAuthError(error, { operation: 'refresh', host: new URL(config.serverMetadata().issuer).origin })
  }
}

/**
 * The credential after a refresh: new tokens, the old refresh and ID tokens only where the
 * server sent no new ones, the account kept (filled in from a new ID token where empty).
 * @throws NetworkError `BAD_RESPONSE` when a new ID token names another subject (OIDC Core §12.2).
 */
function renewed(old: Credential, tokens: TokenResponse, now: number, settings: Settings): Credential {
  const fields = tokenResponseFields(tokens, { now, operation: 'refresh' })
  const claims = tokens.claims()
  if (claims !== undefined && old.account?.id !== undefined && claims.sub !== old.account.id) {
    throw new NetworkError('refresh failed: the new ID token names another user than the credential', {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: `run ${loginCommand(settings)} again`,
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
    flow: old.flow ?? 'pkce',
    obtainedAt: now,
  }
}
