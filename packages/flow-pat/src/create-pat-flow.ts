import type { Flow, LoginContext } from '@auth/core'
import { checkOptions } from './_check-options.js'
import { login } from './_login.js'
import type { PatFlowOptions } from './types.js'

/**
 * Creates the personal access token flow: `login` reads the token (`token` or `readToken`),
 * cleans it with {@link parsePat} (registering it as a secret at once), checks it with
 * {@link validatePat} against the profile URL (`profileUrl`, else the issuer's OIDC
 * `userinfo_endpoint`) and returns a credential with the account captured for an offline
 * `whoami`. Nothing is returned, so nothing is saved, unless the server answered 2xx. With no
 * profile URL known it warns that the token was not validated and returns it as is.
 * A PAT cannot be refreshed or revoked here: the flow has neither `refresh` nor `revoke`.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options (both or neither of
 * `token` / `readToken`, a bad URL, plain http to a non-loopback host without `allowInsecure`).
 * @throws AuthenticationError from `login`: `INVALID_TOKEN` (empty, multi-line or refused with
 * 401), `INSUFFICIENT_SCOPE` (403) (exit 4).
 * @throws NetworkError from `login`: `NETWORK_ERROR` (unreachable), `BAD_RESPONSE` (garbage) (exit 5).
 * @throws CancelledError `CANCELLED` (exit 130) from `login` when `ctx.signal` aborts.
 * @example
 * ```ts
 * const flow = createPatFlow({ host: 'https://api.example.com', token, profileUrl: '/user' })
 * const credential = await flow.login({ output: { info: console.error, warn: console.error } })
 * await store.set(credentialKey(host, credential.account.login), credential)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750 (bearer tokens)
 */
export function createPatFlow(options: PatFlowOptions): Flow {
  const config = checkOptions(options)
  return Object.freeze({
    kind: 'pat',
    login: (ctx: LoginContext = {}) => login(config, ctx ?? {}),
  })
}
