// Revoking a device-flow credential at the server (RFC 7009). Internal.
import type { Credential, LoginContext } from '@auth/core'
import { revokeTokens } from '@auth/core/kit'
import type { ConfigFor } from './_client.js'
import { guard } from './_guard.js'
import type { Settings } from './_options.js'
import { runtimeOf } from './_runtime.js'
import { assertSameServer } from './_same-server.js'

/**
 * Revokes the refresh token (which ends the grant on most servers), then the access token,
 * through core's `revokeTokens` (a public client: `client_id` in the body). Does nothing when
 * the server has no revocation endpoint. Both are tried; the first failure is thrown after.
 */
export async function revoke(settings: Settings, configFor: ConfigFor, credential: Credential, ctx: LoginContext): Promise<void> {
  const runtime = runtimeOf(settings, ctx)
  const config = await guard(() => configFor(runtime), runtime.signal)
  const server = config.serverMetadata()
  if (typeof server.revocation_endpoint !== 'string') {
    runtime.logger?.debug(`${server.issuer} has no revocation endpoint: nothing to revoke`)
    return
  }
  assertSameServer(credential, config, settings.cliName)
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
