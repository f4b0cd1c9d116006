// The device flow's login, start to end (RFC 8628 §3). Internal.
import type { Credential, LoginContext } from '@auth/core'
import { flowRuntime, loginCredential, whileNotAborted, type FlowRuntime } from '@auth/core/kit'
import { fetchUserInfo, skipSubjectCheck, type Configuration } from 'openid-client'
import { announce } from './_announce.js'
import type { ConfigFor } from './_client.js'
import { requestDeviceCode, type DeviceCode } from './_device-code.js'
import { cancelledError, expiredError } from './_errors.js'
import { offerBrowser } from './_offer-browser.js'
import type { Settings } from './_options.js'
import { poll, type PollSchedule } from './_poll.js'
import { createProgress } from './_progress.js'
import { requestDeviceToken, type TokenResponse } from './_token-request.js'

/** The interval when neither the options nor the server give one (RFC 8628 §3.2). */
const DEFAULT_INTERVAL_MS = 5000

/**
 * Requests a device code, shows it, polls until the user approves, then validates the ID token
 * (openid-client does, on the token response), fetches the profile and returns the credential.
 * Nothing is returned once the signal has aborted.
 */
export async function login(settings: Settings, configFor: ConfigFor, ctx: LoginContext): Promise<Credential> {
  const runtime = flowRuntime(ctx, settings)
  const guard = <T>(fn: () => Promise<T>): Promise<T> => whileNotAborted(fn, runtime.signal, cancelledError)
  const config = await guard(() => configFor(runtime))
  const requestedAt = settings.monotonicNow()
  const code = await guard(() => requestDeviceCode(config, settings.scopes, settings.allowInsecure, settings.cliName))
  const schedule: PollSchedule = {
    intervalMs: settings.intervalMs ?? code.intervalMs ?? DEFAULT_INTERVAL_MS,
    start: settings.monotonicNow(),
    deadline: requestedAt + code.info.expires_in * 1000,
    maxNetworkRetries: settings.maxNetworkRetries,
  }
  announce(code.info, ctx.output, settings.qr && settings.isTTY())
  const tokens = await waitForApproval(config, code, schedule, settings, runtime, ctx)
  const credential = await guard(() =>
    loginCredential(tokens, {
      config,
      scopes: settings.scopes,
      flow: 'device',
      profileUrl: settings.profileUrl,
      userinfo: (token, sub) => fetchUserInfo(config, token, sub ?? skipSubjectCheck),
      runtime,
      output: ctx.output,
      cancelled: cancelledError,
    }),
  )
  if (runtime.signal?.aborted) throw cancelledError(runtime.signal.reason)
  return credential
}

async function waitForApproval(config: Configuration, code: DeviceCode, schedule: PollSchedule, settings: Settings, runtime: FlowRuntime, ctx: LoginContext): Promise<TokenResponse> {
  const progress = createProgress({
    tty: settings.isTTY(),
    write: settings.write,
    output: ctx.output,
    remainingMs: () => schedule.deadline - settings.monotonicNow(),
  })
  const offer = offerBrowser(code.info.verification_uri_complete ?? code.info.verification_uri, settings.openBrowser, ctx)
  void offer.settled.then(() => progress.start())
  try {
    return await poll(() => requestDeviceToken(config, code.deviceCode, settings.cliName), schedule, {
      monotonicNow: settings.monotonicNow,
      sleep: settings.sleep,
      signal: runtime.signal,
      onEvent: (event) => progress.event(event),
      expired: () => expiredError(settings.cliName),
    })
  } finally {
    offer.cancel()
    progress.stop()
  }
}
