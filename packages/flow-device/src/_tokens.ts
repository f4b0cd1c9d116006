// Turning a checked token response into the credential's token fields. Internal.
import { ErrorCode, ExitCode, NetworkError, registerSecret } from '@auth/core'
import type { TokenEndpointResponse } from 'openid-client'

/** The token fields of a credential. */
export interface TokenFields {
  accessToken: string
  tokenType: string
  expiresAt?: number
  refreshToken?: string
  idToken?: string
  /** The granted scopes; undefined when the response has no `scope`. */
  scopes?: string[]
}

const TOKEN = /^[\x21-\x7e]{1,16384}$/

/**
 * Checks the tokens of a response (openid-client checked their types; here: printable ASCII,
 * which is what a store may hold and a header may carry), registers each as a secret and
 * computes `expiresAt` from `now`.
 *
 * @throws NetworkError `BAD_RESPONSE` (exit 5) naming the field, never its value.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function tokenFields(response: TokenEndpointResponse, now: number, operation: string): TokenFields {
  const fields: TokenFields = {
    accessToken: token(response.access_token, 'access_token', operation),
    tokenType: tokenTypeName(response.token_type),
  }
  if (response.refresh_token !== undefined) fields.refreshToken = token(response.refresh_token, 'refresh_token', operation)
  if (response.id_token !== undefined) fields.idToken = token(response.id_token, 'id_token', operation)
  const expiresIn = response.expires_in
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0) fields.expiresAt = now + Math.floor(expiresIn * 1000)
  if (typeof response.scope === 'string') fields.scopes = response.scope.split(' ').filter((s) => s !== '')
  return fields
}

function token(value: unknown, field: string, operation: string): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new NetworkError(`${operation} failed: unexpected response: "${field}" is not a printable token`, {
      code: ErrorCode.BAD_RESPONSE, exitCode: ExitCode.NETWORK, hint: 'the authorization server sent a malformed token; report it to its operator',
    })
  }
  registerSecret(value)
  return value
}

/** `bearer` → `Bearer`, `dpop` → `DPoP` (openid-client lower-cases `token_type` and accepts only these). */
function tokenTypeName(type: unknown): string {
  if (type === 'dpop') return 'DPoP'
  return 'Bearer'
}
