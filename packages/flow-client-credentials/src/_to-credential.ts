import type { Credential } from '@auth/core'
import { tokenResponseFields } from '@auth/core/kit'
import type { TokenEndpointResponse } from 'openid-client'

/** What the credential records besides the token response. Internal. */
export interface CredentialContext {
  clientId: string
  issuer: string
  requestedScopes: readonly string[] | undefined
  now: number
}

/**
 * The credential for a client-credentials token response, through core's `tokenResponseFields`:
 * the access token and its expiry (`expires_in`, capped at a year), the scopes granted (`scope`,
 * else those requested), the client as account. No secret of the client, and no refresh or ID
 * token even if the server sent one (RFC 6749 §4.4.3 says none is issued). Internal.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) on a response openid-client let through but that
 * cannot be used (an empty token, a negative lifetime, a malformed scope).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3
 */
export function toCredential(response: TokenEndpointResponse, context: CredentialContext): Credential {
  const { access_token, token_type, expires_in, scope } = response
  const fields = tokenResponseFields({ access_token, token_type, expires_in, scope }, { now: context.now, operation: 'token request', where: new URL(context.issuer).origin })
  return {
    accessToken: fields.accessToken,
    tokenType: fields.tokenType,
    scopes: fields.scopes ?? [...(context.requestedScopes ?? [])],
    account: { login: context.clientId, id: context.clientId },
    flow: 'client-credentials',
    issuer: context.issuer,
    clientId: context.clientId,
    obtainedAt: context.now,
    ...(fields.expiresAt !== undefined && { expiresAt: fields.expiresAt }),
  }
}
