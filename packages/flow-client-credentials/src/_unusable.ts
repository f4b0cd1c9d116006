import { AuthenticationError, ErrorCode } from '@auth/core'

/**
 * The client secret (or private key) cannot be used: missing, empty, unreadable, readable by
 * others, malformed. `AuthenticationError` `LOGIN_REQUIRED`, exit 4: no token can be had
 * until the user fixes the secret. Internal.
 */
export function unusable(message: string, hint: string, hintKey?: string): AuthenticationError {
  return new AuthenticationError(message, { code: ErrorCode.LOGIN_REQUIRED, hint, ...(hintKey !== undefined && { hintKey }) })
}
