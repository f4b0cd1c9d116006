import { ConfigError, ErrorCode, setConfigValue, type ResolvedProfile } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY, loginRequired } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { profileSession } from '../session.js'

/** `auth switch`: what to make active. `--host` and `--profile` are the global flags. */
export interface AuthSwitchOptions {
  host?: string
  profile?: string
  /** `--account NAME`: one of several accounts logged in to the host. */
  account?: string
}

/** What `auth switch` did; its `--json` shape. */
export interface AuthSwitchResult {
  /** The profile now active. */
  active: string
  host: string
  account: string
}

/**
 * `auth switch` flags: `--host URL` or `--profile NAME` (not both), and/or `--account NAME`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) with nothing to switch to, both `--host` and `--profile`, or an empty `--account`.
 * @example `parseAuthSwitchOptions({ opts: { account: 'bob' }, globals, args: [] })` is `{ account: 'bob' }`
 */
export function parseAuthSwitchOptions({ opts, globals }: ParseInput): AuthSwitchOptions {
  if (globals.host !== undefined && globals.profile !== undefined) throw usage('--host and --profile cannot be used together here', 'name the host or the profile to make active')
  const account = opts.account
  if (account !== undefined && (typeof account !== 'string' || account.trim() === '')) throw usage('--account needs a non-empty value')
  const options: AuthSwitchOptions = {
    ...(globals.host !== undefined && { host: globals.host }),
    ...(globals.profile !== undefined && { profile: globals.profile }),
    ...(typeof account === 'string' && { account: account.trim() }),
  }
  if (Object.keys(options).length === 0) {
    throw usage('nothing to switch to', `pass --host URL, --profile NAME or --account NAME; \`${CLI_NAME} auth status\` lists the profiles`)
  }
  return options
}

/**
 * Makes a logged-in host, profile or account the active one: writes `active_profile`, and with
 * `--account` pins the profile to that account (`account` in the profile), so every command
 * without `--host`/`--profile` uses exactly that credential. Offline.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for an unknown profile, or one without a host.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no profile has that host, or the host has no credential (for that account).
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store fails.
 */
export async function runAuthSwitch(options: AuthSwitchOptions, ctx: CliContext): Promise<AuthSwitchResult> {
  const profile = targetProfile(options, ctx)
  const host = profile.host as string
  const account = options.account ?? profile.account
  const found = await profileSession(ctx, { profile, account }).auth.stored()
  if (!found?.key) throw await notLoggedIn(ctx, profile, account)
  let next = setConfigValue(ctx.config, 'active_profile', profile.name, { profile: profile.name })
  if (options.account !== undefined) next = setConfigValue(next, 'account', options.account, { profile: profile.name })
  await ctx.saveConfig(next)
  return { active: profile.name, host, account: found.key.account }
}

function targetProfile(options: AuthSwitchOptions, ctx: CliContext): ResolvedProfile & { host: string } {
  const names = Object.keys(ctx.config.profiles)
  if (options.profile !== undefined && !names.includes(options.profile)) {
    throw new ConfigError(`no profile '${options.profile}' in ${ctx.configLocation.file}`, {
      hint: names.length > 0 ? `known profiles: ${names.join(', ')}` : `log in first: ${CLI_NAME} auth login --host URL`,
    })
  }
  const profile = ctx.resolveProfile({}, READ_ONLY)
  if (profile.host === undefined) throw new ConfigError(`the profile '${profile.name}' has no host`, { hint: `log in to one: ${CLI_NAME} auth login --host URL --profile ${profile.name}` })
  if (ctx.config.profiles[profile.name]?.host !== profile.host) {
    throw loginRequired(`no profile is logged in to ${profile.host}`, `run \`${CLI_NAME} auth login --host ${profile.host}\``)
  }
  return { ...profile, host: profile.host }
}

async function notLoggedIn(ctx: CliContext, profile: ResolvedProfile & { host: string }, account: string | undefined): Promise<Error> {
  const { host } = profile
  if (account === undefined) return loginRequired(`not logged in to ${host}`, `run \`${CLI_NAME} auth login --host ${host}\``)
  const { account: _pinned, ...unpinned } = profile
  const known = [...new Set((await profileSession(ctx, { profile: unpinned }).auth.status()).credentials.map((c) => c.account))]
  return loginRequired(
    `not logged in to ${host} as ${account}`,
    known.length > 0 ? `logged-in accounts on ${host}: ${known.join(', ')}; or run \`${CLI_NAME} auth login --host ${host}\`` : `run \`${CLI_NAME} auth login --host ${host}\``,
  )
}

/** `✓ Switched to PROFILE: HOST as ACCOUNT` on stderr; `--json`: {@link AuthSwitchResult} on stdout. */
export function renderAuthSwitch(result: AuthSwitchResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  ctx.err.line(`${ctx.err.colors.green('✓')} Switched to ${result.active}: ${result.host} as ${result.account}`)
}

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}

export const authSwitchCommand: CommandSpec<AuthSwitchOptions, AuthSwitchResult> = {
  id: 'auth switch',
  parse: parseAuthSwitchOptions,
  run: runAuthSwitch,
  render: renderAuthSwitch,
}
