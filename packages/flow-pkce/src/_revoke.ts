// Revoking a browser-flow credential at the server (RFC 7009). Internal.
import { toAuthError, type Credential, type LoginContext } from '@auth/core'
import { tokenRevocation, type Configuration } from 'openid-client'
import type { ConfigFor } from './_client.js'
import { loginCommand } from './_errors.js'
import { guard } from './_guard.js'
import type { Settings } from './_options.js'
import { runtimeOf } from './_runtime.js'
import { assertSameServer } from './_same-server.js'

/**
 * Revokes the refresh token (which ends the grant on most servers), then the access token.
 * Does nothing when the server has no revocation endpoint. Both are tried; the first failure
 * is thrown after.
 */
export async function revoke(settings: Settings, configFor: ConfigFor, credential: Credential, ctx: LoginContext): Promise<void> {
  const runtime = runtimeOf(settings, ctx)
  const config = await guard(() => configFor(runtime), runtime.signal)
  if (typeof config.serverMetadata().revocation_endpoint !== 'string') {
    runtime.logger?.debug(`${config.serverMetadata().issuer} has no revocation endpoint: nothing to revoke`)
    return
  }
  assertSameServer(credential, config, loginCommand(settings))
  const tokens: Array<[unknown, string]> = [[credential.refreshToken, 'refresh_token'], [credential.accessToken, 'access_token']]
  let failure: unknown
  for (const [token, hint] of tokens) {
    if (typeof token !== 'string' || token === '') continue
    await guard(() => revokeOne(config, token, hint), runtime.signal).catch((error: unknown) => {
      failure ??= error
    })
  }
  if (failure !== undefined) throw failure
}

async function revokeOne(config: Configuration, token: string, hint: string): Promise<void> {
  try {
    await tokenRevocation(config, token, { token_type_hint: hint })
  } catch (error) {
    throw toAuthError(error, { operation: 'revocation', host: new URL(config.serverMetadata().issuer).origin })
  }
}
