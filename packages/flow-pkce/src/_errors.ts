// The browser flow's own errors. Internal.
import { AuthenticationError, CancelledError, ErrorCode, OAuthError, TimeoutError, type HintKeyValue } from '@auth/core'
import { flowHints, type FlowHints } from '@auth/oidc'
import type { Settings } from './_options.js'

/** The message of the browser flow's CancelledError. */
export const CANCELLED = 'browser login cancelled'

/** How to log in with this flow: ``run `mycli auth login` `` when the product named itself, else `log in with the browser flow`. */
export function pkceHints(settings: Pick<Settings, 'name' | 'loginCommand'>): FlowHints {
  return flowHints(settings.name, 'auth login', 'the browser flow', settings.loginCommand)
}

/** `error=access_denied` at the callback: the user (or the server) said no. Exit 4. */
export function deniedError(settings: Settings, description: string | undefined): AuthenticationError {
  const why = description === undefined ? '' : `: ${description}`
  return new AuthenticationError(`the authorization was denied${why}`, {
    code: ErrorCode.ACCESS_DENIED,
    hint: pkceHints(settings).login(true, ' and approve the request'),
  })
}

/** Another `error` at the callback (RFC 6749 §4.1.2.1). Exit 4. */
export function callbackError(settings: Settings, error: string, description: string | undefined): OAuthError {
  const why = description === undefined ? '' : `: ${description}`
  return new OAuthError(`the authorization server answered ${error}${why}`, {
    error,
    ...(description !== undefined && { errorDescription: description }),
    hint: pkceHints(settings).login(true, "; if it keeps failing, check the client id and scopes with the server's operator"),
  })
}

/** Nothing arrived in time. Exit 4. */
export function timeoutError(settings: Settings): TimeoutError {
  return new TimeoutError(`the browser login did not finish within ${Math.round(settings.timeoutMs / 1000)} s`, {
    code: ErrorCode.LOGIN_TIMEOUT,
    hint: pkceHints(settings).login(true, ' (the time limit is the "timeoutMs" option of @auth/flow-pkce)'),
    hintKey: 'browser-login-timeout' satisfies HintKeyValue,
  })
}

/** Ctrl-C or an aborted signal. Exit 130. */
export function cancelledError(cause?: unknown): CancelledError {
  return new CancelledError(CANCELLED, cause === undefined ? {} : { cause })
}
