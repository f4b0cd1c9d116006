// Revoking a browser-flow credential at the server (RFC 7009), through core's revokeTokens. Internal.
import type { Credential, LoginContext } from '@auth/core'
import { revokeTokens } from '@auth/core/kit'
import type { ConfigFor } from './_client.js'
import { loginCommand } from './_errors.js'
import { guard } from './_guard.js'
import type { Settings } from './_options.js'
import { runtimeOf } from './_runtime.js'
import { assertSameServer } from './_same-server.js'

/**
 * Revokes the refresh token (which ends the grant on most servers), then the access token.
 * Does nothing when the server has no revocation endpoint.
 */
export async function revoke(settings: Settings, configFor: ConfigFor, credential: Credential, ctx: LoginContext): Promise<void> {
  const runtime = runtimeOf(settings, ctx)
  const config = await guard(() => configFor(runtime), runtime.signal)
  const server = config.serverMetadata()
  if (typeof server.revocation_endpoint !== 'string') {
    runtime.logger?.debug(`${server.issuer} has no revocation endpoint: nothing to revoke`)
    return
  }
  assertSameServer(credential, config, loginCommand(settings))
  await guard(
    () =>
      revokeTokens(credential, {
        endpoint: server.revocation_endpoint as string,
        clientId: settings.clientId,
        allowInsecure: settings.allowInsecure,
        fetch: runtime.fetch,
        logger: runtime.logger,
        signal: runtime.signal,
      }),
    runtime.signal,
  )
}
