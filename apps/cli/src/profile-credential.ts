import { AuthenticationError, ErrorCode, ExitCode, type LoginSuggestion } from '@auth/core'
import { CLI_NAME } from './app.js'

/**
 * `resolveProfile` options for commands that only read stores (`auth token`, `status`, `logout`):
 * a host saved by an `--insecure` login stays usable; nothing here connects to it.
 */
export const READ_ONLY = { allowInsecure: true } as const

/**
 * The "log in first" error: exit 4, hint `authcli auth login`, and (in `--json`) `login.begin`,
 * the command an agent runs to begin a login without blocking ({@link beginLogin}).
 * @example `throw loginRequired('not logged in to https://api.example.com')`
 */
export function loginRequired(message: string, hint = `run \`${CLI_NAME} auth login\``, login: LoginSuggestion = beginLogin()): AuthenticationError {
  return new AuthenticationError(message, { code: ErrorCode.LOGIN_REQUIRED, exitCode: ExitCode.AUTH, hint, login })
}

/**
 * `{ begin: 'authcli auth login --device --begin --json --host URL' }`, with the host when known.
 * @example `beginLogin('https://h').begin` is `'authcli auth login --device --begin --json --host https://h'`
 */
export function beginLogin(host?: string): LoginSuggestion {
  return { begin: `${CLI_NAME} auth login --device --begin --json --host ${host ?? 'URL'}` }
}
