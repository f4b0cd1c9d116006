import { toAuthError, type Credential, type LoginContext } from '@auth/core'
import { tokenRevocation } from 'openid-client'
import type { FlowConfig } from './_check-options.js'
import { chooseAuthMethod } from './_choose-auth-method.js'
import { clientAuthFor } from './_client-auth.js'
import { configurationFor } from './_configuration.js'
import { runtimeFor } from './_runtime.js'
import type { MetadataCache } from './_server-metadata.js'
import { resolveClientSecret } from './resolve-client-secret.js'

/**
 * Revokes the credential's access token at the server's `revocation_endpoint`, authenticating
 * as the client (the secret read now). Resolves without a request when the server offers no
 * revocation. Internal.
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
  const configuration = configurationFor(server, config, await clientAuthFor(method, config.secret, material), runtime.fetch)
  try {
    await tokenRevocation(configuration, credential.accessToken, { token_type_hint: 'access_token' })
  } catch (error) {
    throw toAuthError(error, { operation: 'revocation', host: config.issuer.host })
  }
}
