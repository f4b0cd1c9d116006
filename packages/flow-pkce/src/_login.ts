// The browser flow's login, start to end (RFC 6749 §4.1 with RFC 7636, RFC 8252). Internal.
import { toAuthError, type Credential, type LoginContext } from '@auth/core'
import type { OidcClient, TokenResponse } from '@auth/oidc'
import { authorizationCodeGrant, type Configuration } from 'openid-client'
import { assertPkceServer, authorizationUrl, newChecks, type LoginChecks } from './_authorization.js'
import type { Expected } from './_callback.js'
import type { Settings } from './_options.js'
import { browserCode, pastedCode, type Received } from './_wait-code.js'

/**
 * Discovers the server (refusing one without S256), makes the per-login secrets, gets this
 * login's code (listener or paste), exchanges it with the verifier, validates the ID token
 * (openid-client: signature, iss, aud, exp, nonce), fetches the profile and returns the credential.
 */
export async function login(settings: Settings, oidc: OidcClient, ctx: LoginContext): Promise<Credential> {
  const call = oidc.call(ctx)
  const config = await call.configuration()
  const metadata = config.serverMetadata()
  assertPkceServer(metadata, settings)
  const checks = await newChecks(settings)
  const expected: Expected = { state: checks.state, issuer: metadata.issuer, issRequired: metadata.authorization_response_iss_parameter_supported === true }
  const url = (redirectUri: string) => authorizationUrl(config, settings, checks, redirectUri)
  const received = await (settings.browser ? browserCode : pastedCode)(settings, expected, url, call.runtime, ctx)
  const tokens = await call.guard(() => exchange(config, received, checks, settings))
  const credential = await oidc.loginCredential(tokens, config, call, { scopes: settings.scopes, profileUrl: settings.profileUrl })
  if (call.runtime.signal?.aborted) throw oidc.cancelled(call.runtime.signal.reason)
  return credential
}

/** The token request: code + verifier + the same redirect URI (and resources). */
async function exchange(config: Configuration, received: Received, checks: LoginChecks, settings: Settings): Promise<TokenResponse> {
  const callback = new URL(received.redirectUri)
  callback.searchParams.set('code', received.code)
  callback.searchParams.set('state', checks.state)
  if (received.iss !== undefined) callback.searchParams.set('iss', received.iss)
  const parameters = new URLSearchParams()
  for (const resource of settings.resources) parameters.append('resource', resource)
  try {
    return await authorizationCodeGrant(
      config,
      callback,
      {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        ...(checks.nonce !== undefined && { expectedNonce: checks.nonce }),
        idTokenExpected: settings.scopes.includes('openid'),
      },
      parameters,
    )
  } catch (error) {
    throw toAuthError(error, { operation: 'token request', host: new URL(config.serverMetadata().issuer).origin })
  }
}
