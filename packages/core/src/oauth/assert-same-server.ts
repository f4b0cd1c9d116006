import { ErrorCode } from '../errors/codes.js'
import { AuthenticationError } from '../errors/classes.js'
import type { Credential } from '../model/types.js'

/**
 * An OAuth client configuration as openid-client's `Configuration` shapes it (duck-typed: core
 * imports no OAuth library): the server's metadata and the client's.
 */
export interface OAuthConfigLike {
  serverMetadata(): { readonly issuer: string; readonly revocation_endpoint?: string | undefined; readonly userinfo_endpoint?: string | undefined }
  clientMetadata(): { readonly client_id: string }
}

/**
 * Refuses to send a credential's tokens to another issuer or client than the ones recorded in it
 * (the config changed since the login): a refresh token must never leak to another server.
 *
 * @param hint - How to log in to the configured server, naming the package's login (the caller
 *   builds it: `` run `mycli auth login --device` to log in to https://as.example.com ``).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) naming both issuers or client ids.
 * @example
 * ```ts
 * const issuer = config.serverMetadata().issuer
 * assertSameServer(credential, config, `log in to ${issuer} with the device flow`)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.4
 */
export function assertSameServer(credential: Credential, config: OAuthConfigLike, hint: string): void {
  const issuer = config.serverMetadata().issuer
  const clientId = config.clientMetadata().client_id
  if (typeof credential.issuer === 'string' && credential.issuer !== '' && !sameUrl(credential.issuer, issuer)) {
    throw new AuthenticationError(`the credential was issued by ${credential.issuer}, not by ${issuer}`, { code: ErrorCode.LOGIN_REQUIRED, hint })
  }
  if (typeof credential.clientId === 'string' && credential.clientId !== '' && credential.clientId !== clientId) {
    throw new AuthenticationError(`the credential was issued to client ${credential.clientId}, not to ${clientId}`, { code: ErrorCode.LOGIN_REQUIRED, hint })
  }
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href
  } catch {
    return false
  }
}
