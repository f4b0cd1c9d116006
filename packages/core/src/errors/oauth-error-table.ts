import { ErrorCode } from './codes.js'

interface Mapping {
  code: string
  hint: string
}

const TABLE: Record<string, Mapping> = {
  access_denied: { code: ErrorCode.ACCESS_DENIED, hint: 'the authorization was denied; log in again and approve the request' },
  invalid_grant: { code: ErrorCode.INVALID_GRANT, hint: 'the code or refresh token is no longer valid; log in again' },
  invalid_client: { code: ErrorCode.INVALID_CLIENT, hint: 'check the client id and the client secret' },
  unauthorized_client: { code: ErrorCode.INVALID_CLIENT, hint: 'this client may not use this grant; check the client id and its registration' },
  expired_token: { code: ErrorCode.DEVICE_CODE_EXPIRED, hint: 'the device code expired before the login was approved; start the login again' },
  invalid_token: { code: ErrorCode.INVALID_TOKEN, hint: 'the token was refused; log in again' },
  insufficient_scope: { code: ErrorCode.INSUFFICIENT_SCOPE, hint: 'log in again with the scopes this needs' },
  invalid_scope: { code: ErrorCode.OAUTH_ERROR, hint: 'check the requested scopes' },
}

const DEFAULT: Mapping = { code: ErrorCode.OAUTH_ERROR, hint: 'the authorization server refused the request; check the host, issuer and client settings' }

/** The error code and hint for an OAuth `error` value. Internal. */
export function oauthMapping(error: string): Mapping {
  return Object.hasOwn(TABLE, error) ? (TABLE[error] as Mapping) : DEFAULT
}
