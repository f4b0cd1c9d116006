import { ErrorCode, ExitCode, NetworkError, registerSecret, type Credential } from '@auth/core'
import type { TokenEndpointResponse } from 'openid-client'

/** What the credential records besides the token response. Internal. */
export interface CredentialContext {
  clientId: string
  issuer: string
  requestedScopes: readonly string[] | undefined
  now: number
}

/**
 * The credential for a client-credentials token response: the access token and its expiry
 * (`expires_in`), the scopes granted (`scope`, else those requested), the client as account.
 * No secret of the client, no refresh token (RFC 6749 §4.4.3 says none is issued). Internal.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) on a response openid-client let through but that
 * cannot be used (an empty token, a negative lifetime, a scope that is not a string).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3
 */
export function toCredential(response: TokenEndpointResponse, context: CredentialContext): Credential {
  const { access_token: token, token_type: type, expires_in: expiresIn, scope } = response
  if (typeof token !== 'string' || token === '' || /[^\x21-\x7e]/.test(token)) throw bad('"access_token" is not a usable token')
  registerSecret(token)
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0)) throw bad('"expires_in" is not a number of seconds')
  if (scope !== undefined && typeof scope !== 'string') throw bad('"scope" is not a string')
  return {
    accessToken: token,
    tokenType: typeof type === 'string' && type.toLowerCase() === 'bearer' ? 'Bearer' : String(type),
    scopes: scope === undefined ? [...(context.requestedScopes ?? [])] : scope.split(' ').filter((s) => s !== ''),
    account: { login: context.clientId, id: context.clientId },
    flow: 'client-credentials',
    issuer: context.issuer,
    clientId: context.clientId,
    obtainedAt: context.now,
    ...(typeof expiresIn === 'number' && { expiresAt: context.now + expiresIn * 1000 }),
  }
}

function bad(what: string): NetworkError {
  return new NetworkError(`unexpected token response: ${what}`, { code: ErrorCode.BAD_RESPONSE, exitCode: ExitCode.NETWORK })
}
