// What a redirect to the callback (or a pasted redirect URL) means for the login. Internal.
import { createHash, timingSafeEqual } from 'node:crypto'
import { ErrorCode, ExitCode, NetworkError, type AuthError, type HintKeyValue } from '@auth/core'
import { sanitizeText } from '@auth/core/kit'
import { callbackError, deniedError } from './_errors.js'
import type { Settings } from './_options.js'

/** What the flow expects of the authorization response. */
export interface Expected {
  readonly state: string
  /** The issuer `iss` must name; undefined when the server does not send `iss` (RFC 9207). */
  readonly issuer: string
  /** Whether the server advertises `authorization_response_iss_parameter_supported`. */
  readonly issRequired: boolean
}

/** The verdict on one authorization response. */
export type Verdict =
  /** Not this login's response (no or another `state`): show an error page, keep waiting. */
  | { readonly kind: 'foreign'; readonly message: string }
  /** This login's response, and it ends the login in failure. */
  | { readonly kind: 'failed'; readonly error: AuthError; readonly message: string }
  /** This login's code. */
  | { readonly kind: 'code'; readonly code: string }

/** Compares two strings in constant time (over their SHA-256 digests: lengths may differ). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * Judges an authorization response (RFC 6749 §4.1.2): the `state` first (constant-time), then
 * the `iss` (RFC 9207), then `error`, then `code`. Messages never carry the code.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.7
 */
export function judge(params: URLSearchParams, expected: Expected, settings: Settings): Verdict {
  const state = params.get('state')
  if (state === null || !sameSecret(state, expected.state)) {
    return { kind: 'foreign', message: 'This response does not belong to the login in progress (its state does not match). Start the login from the terminal again if this keeps happening.' }
  }
  const iss = params.get('iss')
  if ((iss === null && expected.issRequired) || (iss !== null && iss !== expected.issuer)) {
    const error = new NetworkError(`the authorization response ${iss === null ? 'has no "iss"' : `names issuer ${sanitizeText(iss, 200)}`}, expected ${expected.issuer} (RFC 9207)`, {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: 'the response may come from another server (a mix-up attack); check the "issuer" option of @auth/flow-pkce',
      hintKey: 'authorization-response-issuer' satisfies HintKeyValue,
    })
    return { kind: 'failed', error, message: 'The response names another authorization server than the one the login started at.' }
  }
  const error = params.get('error')
  if (error !== null) {
    const description = params.get('error_description') ?? undefined
    const text = description === undefined ? undefined : sanitizeText(description, 300)
    const failure = error === 'access_denied' ? deniedError(settings, text) : callbackError(settings, sanitizeText(error, 80), text)
    return { kind: 'failed', error: failure, message: description === undefined ? `The authorization server answered: ${error}` : `${error}: ${description}` }
  }
  const code = params.get('code')
  if (code === null || code === '' || !/^[\x20-\x7e]+$/.test(code)) {
    const failure = new NetworkError('the authorization response has no usable "code"', {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: "the authorization server's redirect is malformed; report it to its operator",
    })
    return { kind: 'failed', error: failure, message: 'The response carries no authorization code.' }
  }
  return { kind: 'code', code }
}
