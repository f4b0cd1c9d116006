import { HintKey, type AuthError, type ProductHints } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from './app.js'

/**
 * `authcli`'s words for the situations the packages tag with a `HintKey`: the flags a user can
 * type instead of the packages' option names. Passed to `createAuth({ hints })` and applied to
 * every error before it is shown (`applyHint`).
 * @example `CLI_HINTS[HintKey.CALLBACK_PORT_BUSY]` is `'try --port-range 9000-9010, --port N, or --device'`
 */
export const CLI_HINTS: ProductHints = {
  [HintKey.CALLBACK_PORT_BUSY]: 'try --port-range 9000-9010, --port N, or --device',
  [HintKey.BROWSER_LOGIN_TIMEOUT]: `run \`${CLI_NAME} auth login --web\` again and finish in the browser, allow more time with --timeout SECONDS, or use --device`,
  [HintKey.BROWSER_UNAVAILABLE]: `run \`${CLI_NAME} auth login --no-browser\` to paste the address back, forward the port (\`ssh -L 8765:127.0.0.1:8765 HOST\`, then \`${CLI_NAME} auth login --web --port 8765\`), or use \`${CLI_NAME} auth login --device\``,
  [HintKey.PASTE_INPUT_MISSING]: `run \`${CLI_NAME} auth login --no-browser\` at a terminal, or pipe the redirect URL into it; without a terminal use --device`,
  [HintKey.CLIENT_SECRET_MISSING]: `export ${ENV_PREFIX}_CLIENT_SECRET=<secret>, or pass --client-secret-file PATH or --client-secret-env VAR`,
  [HintKey.USERINFO_REFUSED_TOKEN]:
    "if it is an API token (not one for OpenID userinfo), give the API's profile endpoint: --profile-url URL (kept as the profile's profile_url); else the token is mistyped, expired or revoked",
  [HintKey.AUTHORIZATION_RESPONSE_ISSUER]: 'the response may come from another server (a mix-up attack); check --host and --issuer, then log in again',
  [HintKey.NO_AUTHORIZATION_ENDPOINT]: `check --host and --issuer, or use \`${CLI_NAME} auth login --device\``,
  [HintKey.PLAIN_HTTP_SERVER]: (error) => param(error, 'url', (url) => `the server speaks plain HTTP: use --host ${url}`),
  [HintKey.ISSUER_MISMATCH]: (error) => param(error, 'named', (named) => `if you trust it, log in with the server's own name: --host ${named}, or keep the host and add --issuer ${named}`),
}

/** A hint that names `error.hintParams[name]`, or the package's own hint when it is missing. */
function param(error: AuthError, name: string, hint: (value: string) => string): string | undefined {
  const value = error.hintParams?.[name]
  return typeof value === 'string' && value !== '' ? hint(value) : undefined
}
