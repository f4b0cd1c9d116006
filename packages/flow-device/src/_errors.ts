// The device flow's own error messages (RFC 8628 §3.5 outcomes). Internal.
import { AuthenticationError, CancelledError, ErrorCode } from '@auth/core'

/**
 * The hint to log in with the device flow: ``run `<cliName> auth login --device` again<tail>``
 * when the product named its command (`cliName`), else words that name no command (a package
 * never names another product's command).
 */
export function loginHint(cliName: string | undefined, again: boolean, tail = ''): string {
  const word = again ? ' again' : ''
  return cliName === undefined ? `log in${word} with the device flow${tail}` : `run \`${cliName} auth login --device\`${word}${tail}`
}

/** The hint when a credential belongs to another server than the configured `issuer`. */
export function sameServerHint(cliName: string | undefined, issuer: string): string {
  return cliName === undefined ? `log in to ${issuer} with the device flow` : `run \`${cliName} auth login --device\` to log in to ${issuer}`
}

/** `access_denied`: the user (or the server) said no. Exit 4. */
export function deniedError(cliName: string | undefined, cause?: unknown): AuthenticationError {
  return new AuthenticationError('the authorization was denied', {
    code: ErrorCode.ACCESS_DENIED,
    hint: loginHint(cliName, true, ' and approve the request'),
    ...(cause !== undefined && { cause }),
  })
}

/** `expired_token`, or the code's lifetime ran out locally. Exit 4. */
export function expiredError(cliName: string | undefined, cause?: unknown): AuthenticationError {
  return new AuthenticationError('the device code expired before the login was approved', {
    code: ErrorCode.DEVICE_CODE_EXPIRED,
    hint: loginHint(cliName, true),
    ...(cause !== undefined && { cause }),
  })
}

/** Ctrl-C or an aborted signal. Exit 130. */
export function cancelledError(cause?: unknown): CancelledError {
  return new CancelledError('device login cancelled', cause === undefined ? {} : { cause })
}
