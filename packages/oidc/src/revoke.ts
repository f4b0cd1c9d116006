import { CancelledError, OAuthError, toAuthError, type AuthError, type Credential } from '@auth/core'
import { None, tokenRevocation } from 'openid-client'
import type { OidcCall } from './call.js'
import type { OidcClient } from './client.js'

/**
 * Revokes a credential at the server that issued it (RFC 7009): the issuer and client it
 * recorded (else the flow's), the refresh token first (which ends the whole grant on most
 * servers), then the access token, each with its `token_type_hint`, authenticated as the flow's
 * client. Both are tried even when the first fails; the first failure is thrown after, for the
 * caller to report as a warning (a logout still deletes the local copy). A server without a
 * revocation endpoint: nothing to do (a debug line). `unsupported_token_type`: not an error.
 *
 * @throws OAuthError (exit 4) for an OAuth error answer (`invalid_client`: `INVALID_CLIENT`, ...);
 *   NetworkError `NETWORK_ERROR` / `BAD_RESPONSE` (exit 5); AuthenticationError
 *   `NOT_REFRESHABLE` for an unusable recorded issuer or another confidential client; the
 *   flow's CancelledError `CANCELLED` when the call's signal aborts.
 * @example
 * ```ts
 * await revokeCredential(oidc, oidc.call(ctx), credential).catch((e) => output.warn(`could not revoke the token: ${e.message}`))
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revokeCredential(client: OidcClient, call: OidcCall, credential: Credential): Promise<void> {
  const target = client.serverOf(credential, call, 'revoking')
  const server = (await call.configuration(target, None)).serverMetadata()
  const endpoint = server.revocation_endpoint
  if (typeof endpoint !== 'string' || endpoint === '') {
    call.runtime.logger?.debug(`${target.issuer.host} offers no token revocation; nothing revoked`)
    return
  }
  // Only now the client authenticates (a confidential client reads its secret): discovery is cached.
  const config = await call.configuration(target)
  const host = URL.canParse(endpoint) ? new URL(endpoint).host : target.issuer.host
  let failure: AuthError | undefined
  for (const [token, hint] of [
    [credential?.refreshToken, 'refresh_token'],
    [credential?.accessToken, 'access_token'],
  ] as const) {
    if (typeof token !== 'string' || token === '') continue
    try {
      await call.guard(() => tokenRevocation(config, token, { token_type_hint: hint }))
    } catch (error) {
      if (CancelledError.isInstance(error)) throw error
      const mapped = toAuthError(error, { operation: 'revocation', host })
      if (OAuthError.isInstance(mapped) && mapped.error === 'unsupported_token_type') call.runtime.logger?.debug(`${host} does not revoke ${hint} tokens (unsupported_token_type)`)
      else failure ??= mapped
    }
  }
  if (failure !== undefined) throw failure
}
