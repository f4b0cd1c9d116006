// The device flow's own error messages (RFC 8628 §3.5 outcomes). Internal.
import { AuthenticationError, CancelledError, ErrorCode } from '@auth/core'

/** `access_denied`: the user (or the server) said no. Exit 4. */
export function deniedError(cliName: string, cause?: unknown): AuthenticationError {
  return new AuthenticationError('the authorization was denied', {
    code: ErrorCode.ACCESS_DENIED,
    hint: `run \`${cliName} auth login --device\` again and approve the request`,
    ...(cause !== undefined && { cause }),
  })
}

/** `expired_token`, or the code's lifetime ran out locally. Exit 4. */
export function expiredError(cliName: string, cause?: unknown): AuthenticationError {
  return new AuthenticationError('the device code expired before the login was approved', {
    code: ErrorCode.TOKEN_EXPIRED,
    hint: `run \`${cliName} auth login --device\` again`,
    ...(cause !== undefined && { cause }),
  })
}

/** Ctrl-C or an aborted signal. Exit 130. */
export function cancelledError(cause?: unknown): CancelledError {
  return new CancelledError('device login cancelled', cause === undefined ? {} : { cause })
}
