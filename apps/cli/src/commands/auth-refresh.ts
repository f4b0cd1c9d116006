import { AuthenticationError, ExitCode, type Credential, isRefreshable } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { beginLogin, loginRequired } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { loginFlags, profileSession } from '../session.js'
import { parseScopeFlags } from '../scope-flags.js'
import { relative } from './auth-status.js'

/** `auth refresh [--scope S]...`; `--host` / `--profile` are global. */
export interface AuthRefreshOptions {
  /** The scopes to ask for instead of the login's; empty: the same as before. */
  scopes: string[]
}

/** What `auth refresh` did; its `--json` shape. */
export interface AuthRefreshResult {
  host: string
  account: string
  /** ISO time, or `null` when the server gave no expiry. */
  expiresAt: string | null
  /** The scopes the new token carries. */
  scopes: string[]
}

/** The error code of a credential that cannot be renewed (a PAT, no refresh token): exit 4. */
export const NOT_REFRESHABLE = 'NOT_REFRESHABLE'

/**
 * `auth refresh` flags: `--scope` (repeatable; spaces or commas split it).
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a malformed scope.
 * @example `parseAuthRefreshOptions({ opts: { scope: ['openid api:read'] }, ... })` is `{ scopes: ['openid', 'api:read'] }`
 */
export function parseAuthRefreshOptions({ opts }: ParseInput): AuthRefreshOptions {
  return { scopes: parseScopeFlags(opts.scope) }
}

/**
 * Renews the profile's credential now, whatever its expiry, and writes it back to the store it
 * came from (a rotated refresh token included): a device login with its refresh token, a
 * client-credentials login with a new grant from the same secret source. `--scope` narrows a
 * refresh-token grant (RFC 6749 §6) or sets a client-credentials grant's scopes (recorded in the
 * profile, so later renewals keep them).
 * @throws ConfigError `USAGE_ERROR` (exit 2) while `AUTHCLI_TOKEN` is set (the session refuses); `CONFIG_ERROR` for `--scope` wider than the login (the flow refuses).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) without a credential; `NOT_REFRESHABLE` (exit 4) for a PAT or no refresh token.
 * @throws AuthError from the flow: a refused refresh token (exit 4), the network (exit 5).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export async function runAuthRefresh(options: AuthRefreshOptions, ctx: CliContext): Promise<AuthRefreshResult> {
  const { auth, profile } = profileSession(ctx)
  // The same credential the refresh will renew (the profile's account, flow and client first).
  const found = await auth.stored()
  if (found && !found.key) await auth.refresh() // refused: the env token is in force
  if (!found?.key) throw loginRequired(`not logged in to ${profile.host}`, `run \`${CLI_NAME} auth login${loginFlags(ctx, profile)}\``, beginLogin(profile.host))
  const { credential } = found
  checkRefreshable(credential, profile.host)
  const { credential: fresh, key } = await auth.refresh(options.scopes.length > 0 ? { scopes: options.scopes } : {})
  if (options.scopes.length > 0) warnOtherScopes(ctx, options.scopes, fresh.scopes)
  if (fresh.flow === 'client-credentials' && options.scopes.length > 0) await recordScopes(ctx, profile.name, profile.host, options.scopes)
  return {
    host: key?.host ?? profile.host,
    account: key?.account ?? found.key.account,
    expiresAt: fresh.expiresAt === undefined ? null : new Date(fresh.expiresAt).toISOString(),
    scopes: [...fresh.scopes],
  }
}

function checkRefreshable(credential: Credential, host: string): void {
  if (credential.flow === 'pat') {
    throw notRefreshable(`personal access tokens cannot be refreshed (${host})`, `create a new token and run \`${CLI_NAME} auth login --with-token\``)
  }
  if (!isRefreshable(credential)) {
    throw notRefreshable(`the ${credential.flow} credential for ${host} has no refresh token`, `run \`${CLI_NAME} auth login\` again (the server must grant offline_access)`)
  }
}

function warnOtherScopes(ctx: CliContext, asked: string[], granted: string[]): void {
  const same = asked.length === granted.length && asked.every((s) => granted.includes(s))
  if (!same) ctx.warn(`asked for the scopes ${asked.join(' ')}; the server granted ${granted.join(' ') || 'none'}`)
}

/** Client credentials: every renewal is a new grant with the profile's scopes, so they are recorded. */
async function recordScopes(ctx: CliContext, name: string, host: string, scopes: string[]): Promise<void> {
  const stored = ctx.config.profiles[name]
  if (stored?.host !== host || ctx.configLocation.format === 'yaml') return
  await ctx.saveConfig({ ...ctx.config, profiles: { ...ctx.config.profiles, [name]: { ...stored, scopes: [...scopes] } } })
  ctx.logger.debug(`recorded scopes = ${scopes.join(' ')} in profile ${name}`)
}

/** `✓ Refreshed the token for HOST (ACCOUNT), expires ...` on stderr; `--json`: {@link AuthRefreshResult} on stdout. */
export function renderAuthRefresh(result: AuthRefreshResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  const expires = result.expiresAt === null ? 'no expiry given' : `expires ${result.expiresAt} (${relative(Date.parse(result.expiresAt) - Date.now())})`
  ctx.err.line(`${ctx.err.colors.green('✓')} Refreshed the token for ${result.host} (${result.account}), ${expires}`)
}

function notRefreshable(message: string, hint: string): AuthenticationError {
  return new AuthenticationError(message, { code: NOT_REFRESHABLE, exitCode: ExitCode.AUTH, hint })
}

export const authRefreshCommand: CommandSpec<AuthRefreshOptions, AuthRefreshResult> = {
  id: 'auth refresh',
  parse: parseAuthRefreshOptions,
  run: runAuthRefresh,
  render: renderAuthRefresh,
}
