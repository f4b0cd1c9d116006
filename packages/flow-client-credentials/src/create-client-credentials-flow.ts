import type { Credential, Flow, LoginContext, RefreshOptions } from '@auth/core'
import { invalidOption, isRecord, isScopeToken } from '@auth/core/kit'
import { createOidcClient, flowHints } from '@auth/oidc'
import { grant, revocationAuth } from './_grant.js'
import { resolveOptions } from './_options.js'
import type { ClientCredentialsFlowOptions } from './types.js'

/**
 * Creates the OAuth 2.0 client credentials flow (a CI job, a service): `login` discovers the
 * issuer, reads the secret from its source (env var, 0600 file, PEM key), authenticates with
 * `client_secret_basic`, `client_secret_post` or `private_key_jwt`, and returns a credential
 * holding the access token and its expiry, never the secret. `refresh` is a new grant with the
 * same secret source (this grant has no refresh token), for `options.scopes` when given, at the
 * issuer the credential recorded; `revoke` (`@auth/oidc`'s) revokes the access token where the
 * server offers revocation. Both refuse (`NOT_REFRESHABLE`) a credential recorded for another
 * client id: the secret belongs to the configured one.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options (issuer, client id, secret shape, scopes, resource).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) from `login` / `refresh` when the secret
 * is gone or unusable, naming the variable or file expected; `NOT_REFRESHABLE` (exit 4) from
 * `refresh` / `revoke` for a credential of another client id.
 * @throws OAuthError (exit 4) with the server's description and a hint: `INVALID_CLIENT`
 * (`invalid_client`, a wrong secret; `unauthorized_client`), `OAUTH_ERROR` (`invalid_scope`, ...).
 * @throws NetworkError `NETWORK_ERROR` / `BAD_RESPONSE` (exit 5): unreachable server, garbage answers.
 * @throws CancelledError `CANCELLED` (exit 130) when `ctx.signal` aborts.
 * @example
 * ```ts
 * const flow = createClientCredentialsFlow({
 *   issuer: 'https://login.example.com', clientId: 'ci-bot', secret: { env: 'MYCLI_CLIENT_SECRET' }, scopes: ['api:read'],
 * })
 * const credential = await flow.login({})
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-2.2 (private_key_jwt)
 * @see https://www.rfc-editor.org/rfc/rfc8707 (resource indicators)
 */
export function createClientCredentialsFlow(options: ClientCredentialsFlowOptions): Flow {
  const settings = resolveOptions(options)
  const oidc = createOidcClient({
    ...settings, // issuer, clientId and the escape hatches (fetch, logger, signal, now)
    pkg: '@auth/flow-client-credentials',
    kind: 'client-credentials',
    hints: flowHints(settings.name, 'auth login --client-credentials', 'the client credentials flow', settings.loginCommand),
    cancelled: 'client credentials cancelled',
    clientAuth: revocationAuth(settings),
  })
  return Object.freeze({
    kind: 'client-credentials',
    login: (ctx?: LoginContext) => grant(settings, oidc, ctx, settings.params.scopes),
    refresh: async (credential: Credential, ctx?: LoginContext, options?: RefreshOptions) =>
      grant(settings, oidc, ctx, requestedScopes(options) ?? settings.params.scopes ?? scopesOf(credential), credential),
    revoke: oidc.revoke,
  })
}

/** `RefreshOptions.scopes`, checked: the scopes the new token is requested for. */
function requestedScopes(options: RefreshOptions | undefined): string[] | undefined {
  const scopes = isRecord(options) ? options.scopes : undefined
  if (scopes === undefined) return undefined
  if (!Array.isArray(scopes) || !scopes.every(isScopeToken)) invalidOption('@auth/flow-client-credentials', 'refresh', '"options.scopes" must be an array of scope names (no spaces or quotes)')
  return scopes.length > 0 ? [...new Set(scopes)] : undefined
}

/** The scopes of the credential being renewed, when it has any: the new token gets the same. */
function scopesOf(credential: Credential): string[] | undefined {
  const scopes = isRecord(credential) ? credential.scopes : undefined
  return Array.isArray(scopes) && scopes.length > 0 && scopes.every((s) => typeof s === 'string') ? scopes : undefined
}
