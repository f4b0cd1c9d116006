// The device flow's login, start to end (RFC 8628 §3). Internal.
import type { Credential, LoginContext } from '@auth/core'
import type { OidcCall, OidcClient, TokenResponse } from '@auth/oidc'
import type { Configuration } from 'openid-client'
import { announce } from './_announce.js'
import { requestDeviceCode, type DeviceCode } from './_device-code.js'
import { expiredError } from './_errors.js'
import { offerBrowser } from './_offer-browser.js'
import type { Settings } from './_options.js'
import { poll, type PollSchedule } from './_poll.js'
import { createProgress } from './_progress.js'
import { requestDeviceToken } from './_token-request.js'

/** The interval when neither the options nor the server give one (RFC 8628 §3.2). */
const DEFAULT_INTERVAL_MS = 5000

/**
 * Requests a device code, shows it, polls until the user approves, then validates the ID token
 * (openid-client does, on the token response), fetches the profile and returns the credential.
 * Nothing is returned once the signal has aborted.
 */
export async function login(settings: Settings, oidc: OidcClient, ctx: LoginContext): Promise<Credential> {
  const call = oidc.call(ctx)
  const config = await call.configuration()
  const requestedAt = settings.monotonicNow()
  const code = await call.guard(() => requestDeviceCode(config, settings.scopes, settings.allowInsecure, settings.name, settings.resources))
  const schedule: PollSchedule = {
    intervalMs: settings.intervalMs ?? code.intervalMs ?? DEFAULT_INTERVAL_MS,
    start: settings.monotonicNow(),
    deadline: requestedAt + code.info.expires_in * 1000,
    maxNetworkRetries: settings.maxNetworkRetries,
  }
  announce(code.info, ctx.output, { show: settings.qr && settings.isTTY(), colors: settings.qrColors }, ctx.timeoutMs)
  const tokens = await waitForApproval(config, code, schedule, settings, oidc, call, ctx)
  const credential = await oidc.loginCredential(tokens, config, call, { scopes: settings.scopes, profileUrl: settings.profileUrl })
  if (call.runtime.signal?.aborted) throw oidc.cancelled(call.runtime.signal.reason)
  return credential
}

async function waitForApproval(config: Configuration, code: DeviceCode, schedule: PollSchedule, settings: Settings, oidc: OidcClient, call: OidcCall, ctx: LoginContext): Promise<TokenResponse> {
  const progress = createProgress({
    tty: settings.isTTY(),
    write: settings.write,
    output: ctx.output,
    // The countdown shows the real bound: the code's lifetime, or the caller's time limit when shorter.
    remainingMs: () => Math.min(schedule.deadline, ctx.timeoutMs === undefined ? Number.POSITIVE_INFINITY : schedule.start + ctx.timeoutMs) - settings.monotonicNow(),
  })
  const offer = offerBrowser(code.info.verification_uri_complete ?? code.info.verification_uri, settings.openBrowser, ctx)
  void offer.settled.then(() => progress.start())
  try {
    return await poll(() => requestDeviceToken(config, code.deviceCode, oidc.hints, settings.resources), schedule, {
      monotonicNow: settings.monotonicNow,
      sleep: settings.sleep,
      signal: call.runtime.signal,
      onEvent: (event) => progress.event(event),
      expired: () => expiredError(oidc.hints),
    })
  } finally {
    offer.cancel()
    progress.stop()
  }
}
