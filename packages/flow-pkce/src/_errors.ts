// The browser flow's own errors. Internal.
import { AuthenticationError, CancelledError, ErrorCode, OAuthError, TimeoutError } from '@auth/core'
import type { Settings } from './_options.js'

/** `` `mycli auth login` `` when the product named itself, else `the login`. */
export function loginCommand(settings: Pick<Settings, 'cliName'>): string {
  return settings.cliName === undefined ? 'the login' : `\`${settings.cliName} auth login\``
}

/** `error=access_denied` at the callback: the user (or the server) said no. Exit 4. */
export function deniedError(settings: Settings, description: string | undefined): AuthenticationError {
  const why = description === undefined ? '' : `: ${description}`
  return new AuthenticationError(`the authorization was denied${why}`, {
    code: ErrorCode.ACCESS_DENIED,
    hint: `run ${loginCommand(settings)} again and approve the request`,
  })
}

/** Another `error` at the callback (RFC 6749 §4.1.2.1). Exit 4. */
export function callbackError(settings: Settings, error: string, description: string | undefined): OAuthError {
  const why = description === undefined ? '' : `: ${description}`
  return new OAuthError(`the authorization server answered ${error}${why}`, {
    error,
    ...(description !== undefined && { errorDescription: description }),
    hint: `run ${loginCommand(settings)} again; if it keeps failing, check the client id and scopes with the server's operator`,
  })
}

/** Nothing arrived in time. Exit 4. */
export function timeoutError(settings: Settings): TimeoutError {
  return new TimeoutError(`the browser login did not finish within ${Math.round(settings.timeoutMs / 1000)} s`, {
    code: ErrorCode.LOGIN_TIMEOUT,
    hint: `run ${loginCommand(settings)} again (the time limit is the "timeoutMs" option of @auth/flow-pkce)`,
  })
}

/** Ctrl-C or an aborted signal. Exit 130. */
export function cancelledError(cause?: unknown): CancelledError {
  return new CancelledError('browser login cancelled', cause === undefined ? {} : { cause })
}
