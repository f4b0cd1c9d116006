import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { formatJson } from '../render.js'
import { profileSession } from '../session.js'

/** `auth token` takes no options of its own: `--host` and `--profile` are global. */
export type AuthTokenOptions = Record<string, never>

/** What `auth token` found; `--json` prints it as is. */
export interface AuthTokenResult {
  token: string
  /** Where it came from: `env:AUTHCLI_TOKEN`, `file`, `keychain`, ... */
  source: string
  host: string | null
  account: string | null
  /** ISO time, or `null` when the token does not expire (or is not known to). */
  expiresAt: string | null
  /** Whether it was renewed just now. */
  refreshed: boolean
}

/** `auth token`: nothing to parse. */
export function parseAuthTokenOptions(_input: ParseInput): AuthTokenOptions {
  return {}
}

/**
 * The access token to use: `AUTHCLI_TOKEN` as is, else the profile's stored token, renewed first
 * (refresh token, or a new client-credentials grant) when it expires within 60 s and written
 * back to the store it came from. A valid stored token costs one store read and no network.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when there is no credential or it cannot be renewed.
 * @throws StorageError `STORAGE_ERROR` (exit 6), NetworkError (exit 5) on the way.
 */
export async function runAuthToken(_options: AuthTokenOptions, ctx: CliContext): Promise<AuthTokenResult> {
  const { credential, source, key, refreshed } = await profileSession(ctx).auth.getCredential({ noLogin: true })
  return {
    token: credential.accessToken,
    source,
    host: key?.host ?? null,
    account: key?.account ?? null,
    expiresAt: credential.expiresAt === undefined || key === undefined ? null : new Date(credential.expiresAt).toISOString(),
    refreshed,
  }
}

/** The token alone and a newline on stdout; `--json`: {@link AuthTokenResult}. */
export function renderAuthToken(result: AuthTokenResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  ctx.out.line(result.token)
}

export const authTokenCommand: CommandSpec<AuthTokenOptions, AuthTokenResult> = {
  id: 'auth token',
  parse: parseAuthTokenOptions,
  run: runAuthToken,
  render: renderAuthToken,
}
