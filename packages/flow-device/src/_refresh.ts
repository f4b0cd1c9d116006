// Renewing a device-flow credential with its refresh token (RFC 6749 §6). Internal.
import { AuthenticationError, ErrorCode, ExitCode, NetworkError, toAuthError, type Credential, type LoginContext } from '@auth/core'
import { refreshTokenGrant, type Configuration } from 'openid-client'
import { accountFrom } from './_account.js'
import type { ConfigFor } from './_client.js'
import { guard } from './_guard.js'
import type { Settings } from './_options.js'
import { runtimeOf } from './_runtime.js'
import { assertSameServer } from './_same-server.js'
import type { TokenResponse } from './_token-request.js'
import { tokenFields } from './_tokens.js'

/**
 * Spends the refresh token once and returns the renewed credential, with the NEW refresh token
 * when the server rotates them (the old one is then spent: the caller must store the result).
 */
export async function refresh(settings: Settings, configFor: ConfigFor, credential: Credential, ctx: LoginContext): Promise<Credential> {
  const runtime = runtimeOf(settings, ctx)
  const refreshToken = typeof credential?.refreshToken === 'string' ? credential.refreshToken : ''
  if (refreshToken === '') {
    throw new AuthenticationError('the credential has no refresh token', { code: ErrorCode.LOGIN_REQUIRED, hint: `run \`${settings.cliName} auth login --device\`` })
  }
  const config = await guard(() => configFor(runtime), runtime.signal)
  assertSameServer(credential, config, settings.cliName)
  const tokens = await guard(() => grant(config, refreshToken), runtime.signal)
  return renewed(credential, tokens, runtime.now(), settings.cliName)
}

async function grant(config: Configuration, refreshToken: string): Promise<TokenResponse> {
  try {
    return await refreshTokenGrant(config, refreshToken)
  } catch (error) {
    throw toAuthError(error, { operation: 'refresh', host: new URL(config.serverMetadata().issuer).origin })
  }
}

/**
 * The credential after a refresh: new tokens, the old refresh and ID tokens only where the
 * server sent no new ones, the account kept (filled in from a new ID token where empty).
 * @throws NetworkError `BAD_RESPONSE` when a new ID token names another subject (OIDC Core §12.2).
 */
export function renewed(old: Credential, tokens: TokenResponse, now: number, cliName: string): Credential {
  const fields = tokenFields(tokens, now, 'refresh')
  const claims = tokens.claims()
  if (claims !== undefined && old.account?.id !== undefined && claims.sub !== old.account.id) {
    throw new NetworkError('refresh failed: the new ID token names another user than the credential', {
      code: ErrorCode.BAD_RESPONSE, exitCode: ExitCode.NETWORK, hint: `run \`${cliName} auth login --device\` again`,
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
    account: { ...accountFrom(claims, {}), ...old.account },
    ...(old.tenant !== undefined && { tenant: old.tenant }),
    ...(old.issuer !== undefined && { issuer: old.issuer }),
    ...(old.clientId !== undefined && { clientId: old.clientId }),
    flow: old.flow ?? 'device',
    obtainedAt: now,
  }
}
