import { toAuthError, type Credential, type LoginContext } from '@auth/core'
import { clientCredentialsGrant } from 'openid-client'
import type { FlowConfig } from './_check-options.js'
import { chooseAuthMethod } from './_choose-auth-method.js'
import { clientAuthFor } from './_client-auth.js'
import { configurationFor } from './_configuration.js'
import { explain } from './_explain.js'
import { runtimeFor } from './_runtime.js'
import type { MetadataCache } from './_server-metadata.js'
import { toCredential } from './_to-credential.js'
import { tokenRequestParameters } from './_token-parameters.js'
import { resolveClientSecret } from './resolve-client-secret.js'

/**
 * One client-credentials grant: the secret read now from its source (first: a missing secret
 * fails without a request), discovery (cached), the auth method, the token request, the
 * credential. Every openid-client error goes through core's `toAuthError`. Internal.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export async function grant(config: FlowConfig, metadata: MetadataCache, ctx: LoginContext, scopes: readonly string[] | undefined): Promise<Credential> {
  const runtime = runtimeFor(config, ctx)
  const material = await resolveClientSecret(config.secret, { env: config.env })
  const server = await metadata(runtime.fetch)
  const method = chooseAuthMethod(config.authMethod, config.secret, server.token_endpoint_auth_methods_supported)
  const auth = await clientAuthFor(method, config.secret, material)
  const configuration = configurationFor(server, config, auth, runtime.fetch)
  try {
    const response = await clientCredentialsGrant(configuration, tokenRequestParameters(config.params, scopes))
    return toCredential(response, { clientId: config.clientId, issuer: server.issuer, requestedScopes: scopes, now: runtime.now() })
  } catch (error) {
    const mapped = toAuthError(error, { operation: 'token request', host: config.issuer.host })
    throw explain(mapped, { clientId: config.clientId, method, source: config.secret, scopes })
  }
}
