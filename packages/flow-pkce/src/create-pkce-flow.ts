import type { Flow } from '@auth/core'
import { createOidcClient, type ClientAuthFor } from '@auth/oidc'
import { ClientSecretPost, type ClientAuth, type ServerMetadata } from 'openid-client'
import { CANCELLED, pkceHints } from './_errors.js'
import { login } from './_login.js'
import { resolveOptions } from './_options.js'
import type { PkceFlowOptions } from './types.js'

/**
 * The OAuth 2.0 authorization code grant with PKCE (S256) as a {@link Flow} (kind `pkce`): the
 * browser login of a CLI. `login` binds a one-shot listener on `127.0.0.1` (the first free port
 * of `portRange`, default 8765-8769, or `port`) before anything else, prints the authorization
 * URL and opens it (`$BROWSER`, then the OS opener) through a private page under `dir` (never
 * in argv, which other local users can read), and waits for this login's redirect at
 * `http://127.0.0.1:PORT/callback`, or for the redirect URL (or code) pasted in the terminal,
 * whichever comes first, until `timeoutMs` (5 minutes) or the signal. `state` is compared in
 * constant time (a foreign response gets an error page and the login goes on), `iss` checked
 * when the server supports RFC 9207, the code exchanged with the verifier (which never leaves
 * process memory), the ID token validated (nonce included), the profile fetched for `whoami`.
 * With `browser: false` it prints the URL and reads the pasted redirect URL or code only.
 * `refresh` and `revoke` are `@auth/oidc`'s: they work on any credential with a refresh token,
 * at the issuer and client it recorded (else the configured ones); `refresh` may narrow `scopes`
 * and sends the `resource` indicators again. Discovery runs once per server.
 *
 * @throws ConfigError `CONFIG_ERROR` at once on a bad option (naming it), and from `login` when
 *   the server does not support PKCE with S256; from `login`: AuthenticationError
 *   `ACCESS_DENIED` (the user said no), `LOGIN_REQUIRED` (nothing pasted in no-browser mode),
 *   NetworkError `CALLBACK_PORT_BUSY` (exit 5: no callback port available), TimeoutError `LOGIN_TIMEOUT` (exit 4), CancelledError
 *   `CANCELLED` (exit 130), OAuthError for another error at the callback, NetworkError
 *   `BAD_RESPONSE` (a response without a code, a wrong `iss`), and whatever core's
 *   `toAuthError` maps (`INVALID_GRANT`, `NETWORK_ERROR`, ...); from `refresh`: OAuthError
 *   `INVALID_GRANT` for a refused refresh token, AuthenticationError `NOT_REFRESHABLE` without
 *   a refresh token or with a recorded issuer that is not an http(s) URL, ConfigError
 *   `CONFIG_ERROR` for `scopes` the credential does not have.
 * @example
 * ```ts
 * const flow = createPkceFlow({ issuer: 'https://auth.example.com', clientId: 'my-cli', name: 'mycli' })
 * const credential = await flow.login({
 *   output: { info: (line) => console.error(line), warn: (line) => console.error(line) },
 *   signal: controller.signal,
 * })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8252
 * @see https://www.rfc-editor.org/rfc/rfc7636
 * @see https://www.rfc-editor.org/rfc/rfc9207
 */
export function createPkceFlow(options: PkceFlowOptions): Flow {
  const settings = resolveOptions(options)
  const oidc = createOidcClient({
    ...settings, // issuer, clientId and the escape hatches (fetch, logger, signal, now)
    pkg: '@auth/flow-pkce',
    kind: 'pkce',
    hints: pkceHints(settings),
    cancelled: CANCELLED,
    refreshParameters: new URLSearchParams(settings.resources.map((resource): [string, string] => ['resource', resource])),
    clientAuth: clientAuthOf(settings.clientSecret, settings.clientAuthMethod),
    serverMetadata: settings.serverMetadata as ServerMetadata | undefined,
  })
  return {
    kind: 'pkce',
    login: (ctx) => login(settings, oidc, ctx ?? {}),
    refresh: oidc.refresh,
    revoke: oidc.revoke,
  }
}

/** A confidential client's authentication at the token endpoint; undefined: a public client. */
function clientAuthOf(secret: string | undefined, method: 'client_secret_basic' | 'client_secret_post'): ClientAuthFor | undefined {
  if (secret === undefined) return undefined
  return () => (method === 'client_secret_post' ? ClientSecretPost(secret) : basic(secret))
}

/**
 * `client_secret_basic` (RFC 6749 §2.3.1): id and secret form-urlencoded, as the HTML form
 * encoding does it (`-`, `.`, `_` and `*` kept as they are). openid-client escapes those too,
 * which servers that do not decode the header (many do not) refuse.
 */
function basic(secret: string): ClientAuth {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2)
  return (_as, client, _body, headers) => {
    headers.set('authorization', `Basic ${Buffer.from(`${encode(client.client_id)}:${encode(secret)}`).toString('base64')}`)
  }
}
