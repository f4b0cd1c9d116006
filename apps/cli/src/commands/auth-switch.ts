import { ConfigError, ErrorCode, setConfigValue, type AuthConfig, type Credential, type FlowKind, type ProfileConfig, type ResolvedProfile } from '@auth/core'
import { choose, mayPrompt, type Choice } from '../choose.js'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY, beginLogin, loginRequired } from '../profile-credential.js'
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
 * `auth switch` flags: `--host URL` or `--profile NAME` (not both), and/or `--account NAME`;
 * none at all: a choice at the terminal (else `USAGE_ERROR` when it runs).
 * @throws ConfigError `USAGE_ERROR` (exit 2) with both `--host` and `--profile`, or an empty `--account`.
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
  return options
}

function nothingToSwitchTo(): ConfigError {
  return usage('nothing to switch to', `pass --host URL, --profile NAME or --account NAME; \`${CLI_NAME} auth status\` lists the profiles`)
}

/**
 * With no flag at a terminal: every (profile, account) logged in, numbered, the one in use first
 * marked; the answer is what to switch to. Elsewhere (a pipe, `--json`): the usage error.
 */
async function pick(ctx: CliContext): Promise<AuthSwitchOptions> {
  if (!mayPrompt(ctx)) throw nothingToSwitchTo()
  const active = ctx.resolveProfile({}, READ_ONLY)
  const choices: Choice<AuthSwitchOptions>[] = []
  let current = 0
  for (const [name, stored] of Object.entries(ctx.config.profiles)) {
    if (stored.host === undefined) continue
    const { account: pinned, ...profile } = ctx.resolveProfile({ profile: name, host: stored.host }, READ_ONLY)
    const session = profileSession(ctx, { profile: { ...profile, host: stored.host }, account: undefined, envToken: false })
    const { credentials } = await session.auth.status()
    // The account this profile uses now: its pin, else the one the session picks.
    const using = name !== active.name ? undefined : (pinned ?? (await session.auth.stored().catch(() => undefined))?.key?.account)
    for (const account of new Set(credentials.map((c) => c.account))) {
      const flow = credentials.find((c) => c.account === account)?.flow ?? ''
      if (account === using) current = choices.length
      choices.push({ label: `${name}: ${account} on ${stored.host} (${flow})${account === using ? ' (in use)' : ''}`, value: { profile: name, account } })
    }
  }
  if (choices.length === 0) throw loginRequired('not logged in to any host', `run \`${CLI_NAME} auth login --host URL\``)
  return choose(ctx, 'Switch to which account?', choices, current)
}

/**
 * Makes a logged-in host, profile or account the active one: writes `active_profile`, and with
 * `--account` pins the profile to that account (`account` in the profile), so every command
 * without `--host`/`--profile` uses exactly that credential. Offline.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for an unknown profile, or one without a host.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no profile has that host, or the host has no credential (for that account).
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store fails.
 */
export async function runAuthSwitch(given: AuthSwitchOptions, ctx: CliContext): Promise<AuthSwitchResult> {
  const options = Object.keys(given).length === 0 ? await pick(ctx) : given
  const profile = targetProfile(options, ctx)
  const host = profile.host as string
  const account = options.account ?? profile.account
  const found = await profileSession(ctx, { profile, account }).auth.stored()
  if (!found?.key) throw await notLoggedIn(ctx, profile, account)
  let next = setConfigValue(ctx.config, 'active_profile', profile.name, { profile: profile.name })
  if (options.account !== undefined) next = followCredential(next, profile.name, options.account, found.credential)
  await ctx.saveConfig(next)
  return { active: profile.name, host, account: found.key.account }
}

/**
 * The profile pinned to `account` and following that account's own credential: its flow, the
 * client and issuer it was issued by; a `profile_url` recorded for another flow goes (the next
 * login of this account then asks its own flow, not the previous account's).
 */
function followCredential(config: AuthConfig, name: string, account: string, credential: Credential): AuthConfig {
  const before = config.profiles[name] ?? {}
  const next: ProfileConfig = { ...before, account, flow: credential.flow as FlowKind }
  if (credential.clientId !== undefined && credential.flow !== 'pat') next.clientId = credential.clientId
  else if (credential.flow === 'pat') delete next.clientId
  if (credential.issuer !== undefined && credential.issuer.replace(/\/+$/, '') !== before.host) next.issuer = credential.issuer
  else delete next.issuer
  if (before.flow !== credential.flow) delete next.profileUrl
  return { ...config, profiles: { ...config.profiles, [name]: next } }
}

function targetProfile(options: AuthSwitchOptions, ctx: CliContext): ResolvedProfile & { host: string } {
  const names = Object.keys(ctx.config.profiles)
  if (options.profile !== undefined && !names.includes(options.profile)) {
    throw new ConfigError(`no profile '${options.profile}' in ${ctx.configLocation.file}`, {
      hint: names.length > 0 ? `known profiles: ${names.join(', ')}` : `log in first: ${CLI_NAME} auth login --host URL`,
    })
  }
  const profile = ctx.resolveProfile(options.profile !== undefined ? { profile: options.profile } : {}, READ_ONLY)
  if (profile.host === undefined) throw new ConfigError(`the profile '${profile.name}' has no host`, { hint: `log in to one: ${CLI_NAME} auth login --host URL --profile ${profile.name}` })
  if (ctx.config.profiles[profile.name]?.host !== profile.host) {
    throw loginRequired(`no profile is logged in to ${profile.host}`, `run \`${CLI_NAME} auth login --host ${profile.host}\``, beginLogin(profile.host))
  }
  return { ...profile, host: profile.host }
}

async function notLoggedIn(ctx: CliContext, profile: ResolvedProfile & { host: string }, account: string | undefined): Promise<Error> {
  const { host } = profile
  if (account === undefined) return loginRequired(`not logged in to ${host}`, `run \`${CLI_NAME} auth login --host ${host}\``, beginLogin(host))
  const { account: _pinned, ...unpinned } = profile
  const known = [...new Set((await profileSession(ctx, { profile: unpinned }).auth.status()).credentials.map((c) => c.account))]
  return loginRequired(
    `not logged in to ${host} as ${account}`,
    known.length > 0 ? `logged-in accounts on ${host}: ${known.join(', ')}; or run \`${CLI_NAME} auth login --host ${host}\`` : `run \`${CLI_NAME} auth login --host ${host}\``,
    beginLogin(host),
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
