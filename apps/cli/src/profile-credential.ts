import { AuthenticationError, ErrorCode, ExitCode } from '@auth/core'
import { CLI_NAME } from './app.js'

/**
 * `resolveProfile` options for commands that only read stores (`auth token`, `status`, `logout`):
 * a host saved by an `--insecure` login stays usable; nothing here connects to it.
 */
export const READ_ONLY = { allowInsecure: true } as const

/**
 * The "log in first" error: exit 4, hint `authcli auth login`.
 * @example `throw loginRequired('not logged in to https://api.example.com')`
 */
export function loginRequired(message: string, hint = `run \`${CLI_NAME} auth login\``): AuthenticationError {
  return new AuthenticationError(message, { code: ErrorCode.LOGIN_REQUIRED, exitCode: ExitCode.AUTH, hint })
}
