// One poll of the token endpoint with the device code (RFC 8628 §3.4). Internal.
import { ErrorCode, OAuthError, toAuthError, type AuthError } from '@auth/core'
import type { FlowHints, TokenResponse } from '@auth/oidc'
import { genericGrantRequest, type Configuration } from 'openid-client'
import { deniedError, expiredError } from './_errors.js'
import type { PollAnswer } from './_poll.js'

/** The device code grant type (RFC 8628 §3.4). */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/**
 * Sends one token request. openid-client checks the response and validates the ID token's
 * claims (`iss`, `aud`, `exp`, `iat`, `sub`, `azp`); every error goes through core's
 * `toAuthError` and is then sorted by {@link classifyPollError}.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
 */
export async function requestDeviceToken(config: Configuration, deviceCode: string, hints: FlowHints, resources: readonly string[] = []): Promise<PollAnswer<TokenResponse>> {
  try {
    return {
      status: 'done',
      value: await genericGrantRequest(config, DEVICE_CODE_GRANT, new URLSearchParams([['device_code', deviceCode], ...resources.map((resource): [string, string] => ['resource', resource])])),
    }
  } catch (error) {
    const mapped = toAuthError(error, { operation: 'token request', host: new URL(config.serverMetadata().issuer).origin })
    return classifyPollError(mapped, error, hints)
  }
}

/**
 * Sorts a failed poll: `authorization_pending` and `slow_down` continue, `access_denied` and
 * `expired_token` end the flow with the device flow's own messages, network failures and
 * 5xx/429 answers are retried, anything else ends the flow as mapped.
 *
 * @throws AuthenticationError `ACCESS_DENIED` / `DEVICE_CODE_EXPIRED`, or `mapped` itself.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
export function classifyPollError(mapped: AuthError, raw: unknown, hints: FlowHints): PollAnswer<never> {
  const oauthError = OAuthError.isInstance(mapped) ? mapped.error : undefined
  if (oauthError === 'authorization_pending') return { status: 'pending' }
  if (oauthError === 'slow_down') return slowDown(raw)
  if (oauthError === 'access_denied') throw deniedError(hints, mapped)
  if (oauthError === 'expired_token') throw expiredError(hints, mapped)
  if (isRetryable(mapped, raw)) return { status: 'retry', error: mapped }
  throw mapped
}

function isRetryable(mapped: AuthError, raw: unknown): boolean {
  if (mapped.code === ErrorCode.NETWORK_ERROR || mapped.code === ErrorCode.NETWORK_TIMEOUT) return true
  const status = httpStatus(raw)
  return status !== undefined && (status >= 500 || status === 429)
}

/** The HTTP status of an openid-client error: `status` (ResponseBodyError) or `cause.status` (a non-conforming Response). */
function httpStatus(raw: unknown): number | undefined {
  const r = raw as { status?: unknown; cause?: { status?: unknown } } | null
  const status = typeof r?.status === 'number' ? r.status : typeof r?.cause?.status === 'number' ? r.cause.status : undefined
  return status
}

/** `slow_down`, with the server's new `interval` when its body has a sane one (1 s to 1 h). */
function slowDown(raw: unknown): PollAnswer<never> {
  const body = (raw as { cause?: { interval?: unknown } } | null)?.cause
  const interval = typeof body?.interval === 'number' ? body.interval : Number.NaN
  return interval >= 1 && interval <= 3600 ? { status: 'slow_down', intervalMs: interval * 1000 } : { status: 'slow_down' }
}
