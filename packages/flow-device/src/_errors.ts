// The device flow's own error messages (RFC 8628 §3.5 outcomes). Internal.
import { AuthenticationError, CancelledError, ErrorCode } from '@auth/core'
import type { FlowHints } from '@auth/oidc'

/** The message of the device flow's CancelledError. */
export const CANCELLED = 'device login cancelled'

/** `access_denied`: the user (or the server) said no. Exit 4. */
export function deniedError(hints: FlowHints, cause?: unknown): AuthenticationError {
  return new AuthenticationError('the authorization was denied', {
    code: ErrorCode.ACCESS_DENIED,
    hint: hints.login(true, ' and approve the request'),
    ...(cause !== undefined && { cause }),
  })
}

/** `expired_token`, or the code's lifetime ran out locally. Exit 4. */
export function expiredError(hints: FlowHints, cause?: unknown): AuthenticationError {
  return new AuthenticationError('the device code expired before the login was approved', {
    code: ErrorCode.DEVICE_CODE_EXPIRED,
    hint: hints.login(true),
    ...(cause !== undefined && { cause }),
  })
}

/** Ctrl-C or an aborted signal. Exit 130. */
export function cancelledError(cause?: unknown): CancelledError {
  return new CancelledError(CANCELLED, cause === undefined ? {} : { cause })
}
