import { AuthError, ConfigError, ErrorCode } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY, beginLogin, loginRequired } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { profileSession } from '../session.js'

/** `auth logout [--all]`; `--host` / `--profile` are global. */
export interface AuthLogoutOptions {
  /** Every credential of every host, from every store. */
  all: boolean
}

/** One credential forgotten. */
export interface LoggedOut {
  host: string
  account: string
  /** The stores it was deleted from. */
  stores: string[]
  /** Whether it was revoked at the server (`false`: not revocable, or the revocation failed). */
  revoked: boolean
}

/** What `auth logout` did; its `--json` shape. */
export interface AuthLogoutResult {
  loggedOut: LoggedOut[]
  /** Store files that could not be read and were moved aside (only when there were any). */
  movedAside?: string[]
  /** The account now in use on a host logged out of, when another one is still logged in there (only when there is one). */
  switchedTo?: { host: string; account: string }[]
}

/**
 * `auth logout`: `--all`, which excludes `--host` and `--profile`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for `--all` with `--host` or `--profile`.
 * @example `parseAuthLogoutOptions({ opts: { all: true }, ... })` is `{ all: true }`
 */
export function parseAuthLogoutOptions({ opts, globals }: ParseInput): AuthLogoutOptions {
  const all = opts.all === true
  if (all && (globals.host !== undefined || globals.profile !== undefined)) {
    throw new ConfigError('--all cannot be used with --host or --profile', { code: ErrorCode.USAGE_ERROR, hint: 'log out of everything with --all, or of one host with --host URL' })
  }
  return { all }
}

/**
 * Forgets the profile's credential (or with `--all` every credential) from every store that
 * holds it (keychain, encrypted file and file alike), after revoking it at the server where
 * the flow and the server allow; a failed revocation is a warning, the local copy goes anyway.
 * The work is the session's (`auth.logout`); config preferences stay, and a profile pinned
 * (`account`) to an account logged out of is unpinned.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when there is nothing to log out of.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store holding it cannot be changed.
 */
export async function runAuthLogout(options: AuthLogoutOptions, ctx: CliContext): Promise<AuthLogoutResult> {
  const profile = ctx.resolveProfile({}, READ_ONLY)
  if (!options.all && profile.host === undefined) throw loginRequired('no host is configured', `pass --host URL or --profile NAME; \`${CLI_NAME} auth status\` lists the profiles`)
  // With --all every host is listed: the session's own host only names it in messages.
  const { auth } = profileSession(ctx, { everyStore: true, profile: { ...profile, host: profile.host ?? 'http://localhost' } })
  let result: Awaited<ReturnType<typeof auth.logout>>
  try {
    result = await auth.logout({ all: options.all })
  } catch (error) {
    if (!AuthError.isInstance(error) || error.code !== ErrorCode.LOGIN_REQUIRED) throw error
    throw loginRequired(
      options.all ? 'not logged in to any host' : `not logged in to ${profile.host}`,
      `run \`${CLI_NAME} auth status\` to see the profiles`,
      beginLogin(options.all ? undefined : profile.host),
    )
  }
  const loggedOut = result.loggedOut.map(({ host, account, stores, revoked }) => ({ host, account, stores, revoked }))
  for (const file of result.removedFiles) ctx.logger.debug(`removed ${file}, a moved-aside credentials file`)
  await unpin(ctx, loggedOut)
  const switchedTo = options.all ? [] : await nowInUse(ctx, loggedOut)
  return { loggedOut, ...(result.movedAside !== undefined && { movedAside: result.movedAside }), ...(switchedTo.length > 0 && { switchedTo }) }
}

/** For each host logged out of, the account the profile now falls back to (another one still logged in there), if any. */
async function nowInUse(ctx: CliContext, gone: LoggedOut[]): Promise<{ host: string; account: string }[]> {
  const out: { host: string; account: string }[] = []
  for (const host of new Set(gone.map((g) => g.host))) {
    const { account: _pinned, ...profile } = ctx.resolveProfile({ host }, READ_ONLY)
    const next = await profileSession(ctx, { profile: { ...profile, host }, account: undefined, envToken: false })
      .auth.stored()
      .catch(() => undefined)
    if (next?.key) out.push({ host, account: next.key.account })
  }
  return out
}

/**
 * Profiles pinned (`account`) to an account just logged out of are unpinned, so they fall back
 * to another account still logged in to the host instead of "not logged in".
 */
async function unpin(ctx: CliContext, gone: LoggedOut[]): Promise<void> {
  if (ctx.configLocation.format === 'yaml') return
  const profiles = { ...ctx.config.profiles }
  let changed = false
  for (const [name, profile] of Object.entries(profiles)) {
    if (profile.account === undefined || !gone.some((g) => g.host === profile.host && g.account === profile.account)) continue
    const { account: _account, ...rest } = profile
    profiles[name] = rest
    changed = true
  }
  if (changed) await ctx.saveConfig({ ...ctx.config, profiles })
}

/** `✓ Logged out of HOST as ACCOUNT (removed from: file)` per credential on stderr; `--json`: {@link AuthLogoutResult}. */
export function renderAuthLogout(result: AuthLogoutResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  const ok = ctx.err.colors.green('✓')
  for (const r of result.loggedOut) {
    ctx.err.line(`${ok} Logged out of ${r.host} as ${r.account} (removed from: ${r.stores.join(', ')}${r.revoked ? '; revoked at the server' : ''})`)
  }
  for (const s of result.switchedTo ?? []) ctx.err.line(`${ok} Now using ${s.host} as ${s.account} (another account still logged in there; \`${CLI_NAME} auth status\` lists them)`)
  if (result.loggedOut.length === 0 && (result.movedAside?.length ?? 0) > 0) ctx.err.line(`${ok} Nothing else to log out of; log in again to each host the moved file held`)
}

export const authLogoutCommand: CommandSpec<AuthLogoutOptions, AuthLogoutResult> = {
  id: 'auth logout',
  parse: parseAuthLogoutOptions,
  run: runAuthLogout,
  render: renderAuthLogout,
}
