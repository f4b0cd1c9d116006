import type { Flow, LoginContext } from '@auth/core'
import { login } from './login.js'
import { resolveOptions } from './options.js'
import type { PatFlowOptions } from './types.js'

/**
 * Creates the personal access token flow. It is built from configuration only; the token is
 * read when `login(ctx)` runs: `ctx.input.token` (a product passes it for this login:
 * `auth.login('pat', { input: { token, source } })`), else the whole of `ctx.stdin` when it is
 * piped, else a hidden prompt through `ctx.prompter` when `ctx.interactive`, else
 * `LOGIN_REQUIRED`. A `ctx.input.source` that is a command-line option (starts with `-`) makes
 * `login` warn that argv is visible to other users ({@link ARGV_TOKEN_WARNING}). The token is
 * cleaned with {@link parsePat} (registered as a secret at once), checked with
 * {@link validatePat} against the profile URL (`profileUrl`, else the issuer's OIDC
 * `userinfo_endpoint`), and returned as a credential with the account captured for an offline
 * `whoami`. Nothing is returned, so nothing is saved, unless the server answered 2xx. With no
 * profile URL known it warns that the token was not validated and returns it as is.
 * A PAT cannot be refreshed or revoked here: the flow has neither `refresh` nor `revoke`.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options (a bad URL, plain http to a
 * non-loopback host without `allowInsecure`, a `fetch` that is not a function).
 * @throws AuthenticationError from `login`: `LOGIN_REQUIRED` (no token given, stdin not piped,
 * nobody to ask), `INVALID_TOKEN` (empty, multi-line or refused with 401), `INSUFFICIENT_SCOPE`
 * (403) (exit 4).
 * @throws NetworkError from `login`: `NETWORK_ERROR` (unreachable), `BAD_RESPONSE` (garbage) (exit 5).
 * @throws CancelledError `CANCELLED` (exit 130) from `login` when `ctx.signal` aborts.
 * @example
 * ```ts
 * const flow = createPatFlow({ name: 'mycli', host: 'https://api.example.com', profileUrl: '/user' })
 * const credential = await flow.login({ input: { token, source: '--token' }, output: { info: console.error, warn: console.error } })
 * await store.set(credentialKey(host, credential.account.login), credential)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750 (bearer tokens)
 */
export function createPatFlow(options: PatFlowOptions): Flow {
  const settings = resolveOptions(options)
  return Object.freeze({
    kind: 'pat',
    login: (ctx: LoginContext = {}) => login(settings, ctx ?? {}),
  })
}
