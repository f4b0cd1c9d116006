import { toAuthError, type Credential, type LoginContext } from '@auth/core'
import type { ClientAuthFor, OidcClient } from '@auth/oidc'
import { clientCredentialsGrant } from 'openid-client'
import { chooseAuthMethod } from './_choose-auth-method.js'
import { clientAuthFor } from './_client-auth.js'
import { explain } from './_explain.js'
import type { Settings } from './_options.js'
import { tokenRequestParameters } from './_token-parameters.js'
import { resolveClientSecret } from './resolve-client-secret.js'
import type { ClientAuthMethod } from './types.js'

/**
 * One client-credentials grant, at the issuer `renewing` recorded (a refresh) or the configured
 * one (a login): the secret read now from its source (first: a missing secret fails without a
 * request), discovery (cached by `@auth/oidc`), the auth method, the token request, the
 * credential (`@auth/oidc`'s, with the client as account and no refresh or ID token). Every
 * openid-client error goes through core's `toAuthError`, with this flow's facts in the hint. Internal.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export async function grant(settings: Settings, oidc: OidcClient, ctx: LoginContext | undefined, scopes: readonly string[] | undefined, renewing?: Credential): Promise<Credential> {
  const call = oidc.call(ctx)
  const server = renewing === undefined ? undefined : oidc.serverOf(renewing, call, 'renewing')
  const material = await call.guard(() => resolveClientSecret(settings.secret, { env: settings.env }))
  let method: ClientAuthMethod | undefined
  const auth: ClientAuthFor = (metadata) => {
    method = chooseAuthMethod(settings.authMethod, settings.secret, metadata.token_endpoint_auth_methods_supported)
    return clientAuthFor(method, settings.secret, material)
  }
  const config = await call.configuration(server, auth)
  try {
    const response = await call.guard(() => clientCredentialsGrant(config, tokenRequestParameters(settings.params, scopes)))
    const account = { login: settings.clientId, id: settings.clientId }
    const { refreshToken: _, idToken: __, ...credential } = await oidc.loginCredential(response, config, call, { scopes: scopes ?? [], account })
    return credential
  } catch (error) {
    const mapped = toAuthError(error, { operation: 'token request', host: new URL(config.serverMetadata().issuer).host })
    throw explain(mapped, { clientId: settings.clientId, method: method ?? 'client_secret_basic', source: settings.secret, scopes })
  }
}

/** The client authentication of a revocation: the secret read now, the method the revocation endpoint supports. Internal. */
export function revocationAuth(settings: Settings): ClientAuthFor {
  return async (metadata) => {
    const material = await resolveClientSecret(settings.secret, { env: settings.env })
    const method = chooseAuthMethod(settings.authMethod, settings.secret, metadata.revocation_endpoint_auth_methods_supported ?? metadata.token_endpoint_auth_methods_supported)
    return clientAuthFor(method, settings.secret, material)
  }
}
