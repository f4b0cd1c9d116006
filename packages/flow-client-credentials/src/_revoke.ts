import type { Credential, LoginContext } from '@auth/core'
import { revokeTokens, type ClientAuthLike } from '@auth/core/kit'
import type { FlowConfig } from './_check-options.js'
import { chooseAuthMethod } from './_choose-auth-method.js'
import { clientAuthFor } from './_client-auth.js'
import { runtimeFor } from './_runtime.js'
import type { MetadataCache } from './_server-metadata.js'
import { resolveClientSecret } from './resolve-client-secret.js'

/**
 * Revokes the credential at the server's `revocation_endpoint` with core's `revokeTokens` (the
 * refresh token if any, then the access token), authenticating as the client (the secret read
 * now). Resolves without a request when the server offers no revocation. Internal.
 * @throws AuthError from `revokeTokens` (the caller warns; a logout still deletes locally).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revoke(config: FlowConfig, metadata: MetadataCache, credential: Credential, ctx: LoginContext): Promise<void> {
  const runtime = runtimeFor(config, ctx)
  const server = await metadata(runtime.fetch)
  if (typeof server.revocation_endpoint !== 'string') {
    runtime.logger.debug(`${config.issuer.host} offers no token revocation; nothing revoked`)
    return
  }
  const method = chooseAuthMethod(config.authMethod, config.secret, server.revocation_endpoint_auth_methods_supported ?? server.token_endpoint_auth_methods_supported)
  const material = await resolveClientSecret(config.secret, { env: config.env })
  const clientAuth = (await clientAuthFor(method, config.secret, material)) as unknown as ClientAuthLike
  await revokeTokens(credential, {
    endpoint: server.revocation_endpoint,
    clientId: config.clientId,
    clientAuth,
    server,
    allowInsecure: config.insecure,
    fetch: runtime.fetch as typeof globalThis.fetch,
    signal: runtime.signal,
  })
}
