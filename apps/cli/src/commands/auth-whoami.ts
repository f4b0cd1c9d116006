import { isRefreshable } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY, beginLogin, loginRequired } from '../profile-credential.js'
import { loginFlags, profileSession } from '../session.js'
import { formatJson } from '../render.js'
import { relative } from './auth-status.js'
import { sanitizeText } from '@auth/core/kit'

/** `auth whoami` takes no options of its own. */
export type AuthWhoamiOptions = Record<string, never>

/** Who the credential belongs to, as captured at login; the `--json` shape. */
export interface AuthWhoamiResult {
  host: string | null
  /** The account the credential is stored under (login, e-mail or id). */
  account: string | null
  name: string | null
  email: string | null
  flow: string | null
  /** The store holding it, or `env:AUTHCLI_TOKEN`. */
  store: string
  expiresAt: string | null
}

/** Tokens expiring sooner than this get a warning. */
export const WHOAMI_WARN_MS = 30_000

/** `auth whoami`: nothing to parse. */
export function parseAuthWhoamiOptions(_input: ParseInput): AuthWhoamiOptions {
  return {}
}

/**
 * Who the active (or `--host` / `--profile`) credential belongs to: account, name and e-mail as
 * captured at login. Offline: nothing is sent anywhere, not even to renew. Warns on stderr when
 * the token has expired or expires within 30 s. With `AUTHCLI_TOKEN` set, only that is known.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when not logged in.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store fails.
 */
export async function runAuthWhoami(_options: AuthWhoamiOptions, ctx: CliContext, now: () => number = Date.now): Promise<AuthWhoamiResult> {
  const { auth, profile } = profileSession(ctx)
  const found = await auth.stored()
  if (found && !found.key) {
    ctx.warn(`${found.source.replace(/^env:/, '')} is set: whose token it is cannot be known offline`)
    return { host: ctx.resolveProfile({}, READ_ONLY).host ?? null, account: null, name: null, email: null, flow: null, store: found.source, expiresAt: null }
  }
  if (!found?.key) throw loginRequired(`not logged in to ${profile.host}`, `run \`${CLI_NAME} auth login${loginFlags(ctx, profile)}\``, beginLogin(profile.host))
  const { credential, key } = found
  if (credential.expiresAt !== undefined) warnExpiry(ctx, key.host, credential.expiresAt - now(), isRefreshable(credential))
  return {
    host: key.host,
    account: key.account,
    name: credential.account?.name ?? null,
    email: credential.account?.email ?? null,
    flow: credential.flow,
    store: found.source,
    expiresAt: credential.expiresAt === undefined ? null : new Date(credential.expiresAt).toISOString(),
  }
}

function warnExpiry(ctx: CliContext, host: string, left: number, renewable: boolean): void {
  if (left >= WHOAMI_WARN_MS) return
  const when = left > 0 ? `expires ${relative(left)}` : relative(left)
  const then = renewable ? `it is renewed on next use (\`${CLI_NAME} auth refresh\` renews it now)` : `log in again (\`${CLI_NAME} auth login\`)`
  ctx.warn(`the token for ${host} ${when}; ${then}`)
}

/** `account`, `name`, `email`, `host`, `flow`, `store`, `expires` lines on stdout; `--json`: {@link AuthWhoamiResult}. */
export function renderAuthWhoami(result: AuthWhoamiResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  const rows: [string, string | null][] = [
    ['account', result.account ?? '(not known offline)'],
    ['name', result.name],
    ['email', result.email],
    ['host', result.host],
    ['flow', result.flow],
    ['store', result.store],
    ['expires', result.expiresAt === null ? null : `${result.expiresAt} (${relative(Date.parse(result.expiresAt) - Date.now())})`],
  ]
  // Captured at login from a server, or read from a file that may have been tampered with.
  for (const [k, v] of rows) if (v !== null) ctx.out.line(`${`${k}:`.padEnd(9)}${sanitizeText(v, 4096)}`)
}

export const authWhoamiCommand: CommandSpec<AuthWhoamiOptions, AuthWhoamiResult> = {
  id: 'auth whoami',
  parse: parseAuthWhoamiOptions,
  run: (options, ctx) => runAuthWhoami(options, ctx),
  render: renderAuthWhoami,
}
