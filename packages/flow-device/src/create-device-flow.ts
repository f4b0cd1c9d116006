import type { Flow } from '@auth/core'
import { pendingLogins } from '@auth/core/kit'
import type { ServerMetadata } from 'openid-client'
import { createOidcClient, flowHints } from '@auth/oidc'
import { CANCELLED } from './_errors.js'
import { login } from './_login.js'
import { resolveOptions } from './_options.js'
import { beginLogin, pollLoginOnce } from './_split-login.js'
import type { DeviceFlowOptions } from './types.js'

/**
 * The OAuth 2.0 device authorization grant as a {@link Flow} (kind `device`): for a CLI over
 * SSH or without a display. `login` requests a device code, hands it to scripts through
 * `ctx.output.data` (once, before polling), prints the verification URL and the user code (and a
 * QR code on a terminal), offers to open a browser, and polls the token endpoint at the
 * server's `interval` (5 s without one; `slow_down` adds 5 s for the rest of the flow) on a
 * monotonic clock. Network failures and 5xx answers are retried with backoff. The ID token is
 * validated, the profile fetched for `whoami`, every token registered with `registerSecret`.
 * `begin` and `pollOnce` are the same login in two halves, for a session's `beginLogin` /
 * `resumeLogin` (a login that does not block: the device code is handed back as the pending
 * login's secret; one token request per `pollOnce`, at the issuer and client it was begun with);
 * the flow carries core's `pendingLogins`, the session machinery those two need.
 * `refresh` and `revoke` are `@auth/oidc`'s: they work on any credential with a refresh token, at
 * the issuer and client it recorded at login (else the configured ones).
 *
 * @throws ConfigError `CONFIG_ERROR` at once on a bad option (naming it); from `login`:
 *   AuthenticationError `ACCESS_DENIED` (the user said no), `DEVICE_CODE_EXPIRED` (the code expired,
 *   at the server or locally), CancelledError `CANCELLED` (`ctx.signal` aborted; exit 130),
 *   NetworkError `NETWORK_ERROR` / `BAD_RESPONSE` and TimeoutError `NETWORK_TIMEOUT` (exit 5),
 *   ConfigError `CONFIG_ERROR` when the server has no device endpoint, and whatever core's
 *   `toAuthError` maps (`INVALID_CLIENT`, ...); from `refresh`: OAuthError `INVALID_GRANT` for a
 *   refused (e.g. spent) refresh token, AuthenticationError `NOT_REFRESHABLE` without a refresh token.
 * @example
 * ```ts
 * const flow = createDeviceFlow({ issuer: 'https://auth.example.com', clientId: 'my-cli', name: 'mycli' })
 * const credential = await flow.login({
 *   output: { info: (line) => console.error(line), warn: (line) => console.error(line) },
 *   signal: AbortSignal.timeout(15 * 60_000),
 * })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8628
 */
export function createDeviceFlow(options: DeviceFlowOptions): Flow {
  const settings = resolveOptions(options)
  const oidc = createOidcClient({
    ...settings, // issuer, clientId and the escape hatches (fetch, logger, signal, now)
    pkg: '@auth/flow-device',
    kind: 'device',
    hints: flowHints(settings.name, 'auth login --device', 'the device flow', settings.loginCommand),
    cancelled: CANCELLED,
    refreshParameters: new URLSearchParams(settings.resources.map((resource): [string, string] => ['resource', resource])),
    serverMetadata: settings.serverMetadata as ServerMetadata | undefined,
  })
  return {
    kind: 'device',
    login: (ctx) => login(settings, oidc, ctx ?? {}),
    begin: (ctx) => beginLogin(settings, oidc, ctx ?? {}),
    pollOnce: (pending, ctx) => pollLoginOnce(settings, oidc, pending, ctx ?? {}),
    pendingLogins,
    refresh: oidc.refresh,
    revoke: oidc.revoke,
  }
}
