// The device flow in two halves for a login that does not block (a session's beginLogin /
// resumeLogin): `begin` asks for the device code, `pollOnce` asks the token endpoint once. Internal.
import type { Credential, LoginContext, PendingLogin, PollOnceResult } from '@auth/core'
import type { OidcClient } from '@auth/oidc'
import { requestDeviceCode } from './_device-code.js'
import { expiredError } from './_errors.js'
import type { Settings } from './_options.js'
import { SLOW_DOWN_STEP_MS } from './_poll.js'
import { requestDeviceToken } from './_token-request.js'

/** The interval when neither the options nor the server give one (RFC 8628 §3.2). */
const DEFAULT_INTERVAL_MS = 5000

/**
 * The device authorization request (RFC 8628 §3.1), its answer checked, as a {@link PendingLogin}:
 * the device code as the secret, the issuer, client and scopes the second half must use.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
 */
export async function beginLogin(settings: Settings, oidc: OidcClient, ctx: LoginContext): Promise<PendingLogin> {
  const call = oidc.call(ctx)
  const config = await call.configuration()
  const code = await call.guard(() => requestDeviceCode(config, settings.scopes, settings.allowInsecure, settings.name, settings.resources))
  const { info } = code
  return {
    secret: code.deviceCode,
    userCode: info.user_code,
    verificationUri: info.verification_uri,
    ...(info.verification_uri_complete !== undefined && { verificationUriComplete: info.verification_uri_complete }),
    expiresAt: call.runtime.now() + info.expires_in * 1000,
    intervalMs: settings.intervalMs ?? code.intervalMs ?? DEFAULT_INTERVAL_MS,
    issuer: config.serverMetadata().issuer,
    clientId: oidc.clientId,
    scopes: [...settings.scopes],
  }
}

/**
 * One token request with the device code (RFC 8628 §3.4), at the issuer and client the login was
 * begun with: the credential once approved; `pending` with the interval to keep (5 s longer, or
 * the server's, after `slow_down`) while it is not; a network failure or 5xx is thrown (the
 * caller keeps the pending state and may ask again later).
 * @throws AuthenticationError `ACCESS_DENIED` / `DEVICE_CODE_EXPIRED` (exit 4); NetworkError (exit 5).
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
export async function pollLoginOnce(settings: Settings, oidc: OidcClient, pending: PendingLogin, ctx: LoginContext): Promise<PollOnceResult> {
  const call = oidc.call(ctx)
  if (call.runtime.now() >= pending.expiresAt) throw expiredError(oidc.hints)
  const recorded = { issuer: pending.issuer, clientId: pending.clientId } as Credential
  const config = await call.configuration(oidc.serverOf(recorded, call, 'renewing'))
  const answer = await call.guard(() => requestDeviceToken(config, pending.secret, oidc.hints, settings.resources))
  if (answer.status === 'retry') throw answer.error
  if (answer.status === 'pending') return { status: 'pending', intervalMs: pending.intervalMs }
  if (answer.status === 'slow_down') return { status: 'pending', intervalMs: Math.max(pending.intervalMs + SLOW_DOWN_STEP_MS, answer.intervalMs ?? 0) }
  const credential = await oidc.loginCredential(answer.value, config, call, { scopes: pending.scopes, profileUrl: settings.profileUrl })
  if (call.runtime.signal?.aborted) throw oidc.cancelled(call.runtime.signal.reason)
  return { status: 'done', credential }
}
