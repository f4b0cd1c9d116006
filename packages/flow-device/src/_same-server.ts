// A stored credential goes back only to the server and client that issued it. Internal.
import { AuthenticationError, ErrorCode, type Credential } from '@auth/core'
import type { Configuration } from 'openid-client'

/**
 * Refuses to send a credential's tokens to another issuer or client than the ones recorded in
 * it (the config changed since the login): a refresh token must never leak to another server.
 *
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) naming both issuers or client ids.
 */
export function assertSameServer(credential: Credential, config: Configuration, cliName: string | undefined): void {
  const issuer = config.serverMetadata().issuer
  const clientId = config.clientMetadata().client_id
  const hint = cliName === undefined ? `log in to ${issuer} with the device flow` : `run \`${cliName} auth login --device\` to log in to ${issuer}`
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
