import type { Flow, LoginContext } from '@auth/core'
import { flowRuntime, refreshCredential, revokeCredential } from '@auth/core/kit'
import { refreshTokenGrant } from 'openid-client'
import { createConfigFor } from './_client.js'
import { cancelledError, loginHint, sameServerHint } from './_errors.js'
import { login } from './_login.js'
import { resolveOptions } from './_options.js'
import type { DeviceFlowOptions } from './types.js'

/**
 * The OAuth 2.0 device authorization grant as a {@link Flow} (kind `device`): for a CLI over
 * SSH or without a display. `login` requests a device code, hands it to scripts through
 * `ctx.output.data` (once, before polling), prints the verification URL and the user code (and a
 * QR code on a terminal), offers to open a browser, and polls the token endpoint at the
 * server's `interval` (5 s without one; `slow_down` adds 5 s for the rest of the flow) on a
 * monotonic clock. Network failures and 5xx answers are retried with backoff. The ID token is
 * validated, the profile fetched for `whoami`, every token registered with `registerSecret`.
 * `refresh` spends the refresh token (returning the rotated one; `{ scopes }` narrows them); `revoke` revokes both tokens
 * when the server has a revocation endpoint. Discovery runs once per flow.
 *
 * @throws ConfigError `CONFIG_ERROR` at once on a bad option (naming it); from `login`:
 *   AuthenticationError `ACCESS_DENIED` (the user said no), `DEVICE_CODE_EXPIRED` (the code expired,
 *   at the server or locally), CancelledError `CANCELLED` (`ctx.signal` aborted; exit 130),
 *   NetworkError `NETWORK_ERROR` / `BAD_RESPONSE` and TimeoutError `NETWORK_TIMEOUT` (exit 5),
 *   ConfigError `CONFIG_ERROR` when the server has no device endpoint, and whatever core's
 *   `toAuthError` maps (`INVALID_CLIENT`, ...); from `refresh`: OAuthError `INVALID_GRANT` for a
 *   refused (e.g. spent) refresh token, AuthenticationError `NOT_REFRESHABLE` without a refresh
 *   token, `LOGIN_REQUIRED` for a credential of another issuer or client.
 * @example
 * ```ts
 * const flow = createDeviceFlow({ issuer: 'https://auth.example.com', clientId: 'my-cli' })
 * const credential = await flow.login({
 *   output: { info: (line) => console.error(line), warn: (line) => console.error(line) },
 *   signal: AbortSignal.timeout(15 * 60_000),
 * })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8628
 */
export function createDeviceFlow(options: DeviceFlowOptions): Flow {
  const settings = resolveOptions(options)
  const configFor = createConfigFor(settings)
  // What core's refresh and revocation need of one call: its runtime, the server, the hints.
  const call = (ctx: LoginContext | undefined) => {
    const runtime = flowRuntime(ctx, settings)
    return { runtime, config: () => configFor(runtime), sameServerHint: (issuer: string) => sameServerHint(settings.cliName, issuer), cancelled: cancelledError }
  }
  return {
    kind: 'device',
    login: (ctx) => login(settings, configFor, ctx ?? {}),
    refresh: (credential, ctx, options) =>
      refreshCredential(credential, {
        ...call(ctx),
        pkg: '@auth/flow-device',
        flow: 'device',
        options,
        grant: (config, token, parameters) => refreshTokenGrant(config, token, parameters),
        loginHint: (again, tail) => loginHint(settings.cliName, again, tail),
      }),
    revoke: (credential, ctx) => revokeCredential(credential, { ...call(ctx), allowInsecure: settings.allowInsecure }),
  }
}
