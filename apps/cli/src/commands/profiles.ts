import { ConfigError, ErrorCode, setConfigValue, type AuthConfig } from '@auth/core'
import type { Command } from 'commander'
import { CLI_NAME, DEFAULT_PROFILE } from '../app.js'
import { addGroup, type CommandSpec, type Mount, type ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { formatJson, formatTable } from '../render.js'

/** One row of `profiles list`. */
export interface ProfileSummary {
  name: string
  host: string | null
  flow: string | null
  active: boolean
}

/** What `profiles list` shows; also its `--json` shape. */
export interface ProfilesListResult {
  /** The active profile: `active_profile`, else `default` when that profile exists, else `null`. */
  active: string | null
  profiles: ProfileSummary[]
}

/** `profiles use NAME`. */
export interface ProfilesUseOptions {
  name: string
}

/** Every profile of the config file, in file order, the active one marked. */
export async function runProfilesList(_options: object, ctx: CliContext): Promise<ProfilesListResult> {
  return listProfiles(ctx.config)
}

/**
 * The profiles of a config: the active one is `active_profile`, else `default` when it exists.
 * @example `listProfiles({ profiles: { default: {} } }).active` is `'default'`
 */
export function listProfiles(config: AuthConfig): ProfilesListResult {
  const names = Object.keys(config.profiles)
  const active = config.activeProfile ?? (names.includes(DEFAULT_PROFILE) ? DEFAULT_PROFILE : null)
  const profiles = names.map((name) => {
    const profile = config.profiles[name] ?? {}
    return { name, host: profile.host ?? null, flow: profile.flow ?? null, active: name === active }
  })
  return { active, profiles }
}

/** A table `  NAME  HOST  FLOW` with `*` before the active profile; `--json`: {@link ProfilesListResult}. */
export function renderProfilesList(result: ProfilesListResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  if (result.profiles.length === 0) {
    ctx.err.line(`no profiles in ${ctx.configLocation.file}; add one with '${CLI_NAME} config set profiles.NAME.host URL'`)
    return
  }
  const { colors } = ctx.out
  const rows = result.profiles.map((p) => [p.active ? '*' : ' ', p.name, p.host ?? '-', p.flow ?? '-'])
  ctx.out.write(
    formatTable(rows, {
      header: [' ', 'NAME', 'HOST', 'FLOW'],
      styleHeader: colors.bold,
      style: (text, row, column) => (result.profiles[row]?.active && column <= 1 ? colors.green(text) : text),
    }),
  )
}

/**
 * `profiles use NAME`: the profile name.
 * @throws ConfigError `USAGE_ERROR` for an empty name.
 */
export function parseProfilesUseOptions({ args }: ParseInput): ProfilesUseOptions {
  const name = typeof args[0] === 'string' ? args[0].trim() : ''
  if (name === '') throw new ConfigError('NAME must not be empty', { code: ErrorCode.USAGE_ERROR, hint: `run '${CLI_NAME} profiles list' for the names` })
  return { name }
}

/**
 * Makes a profile the active one (`active_profile` in the config file).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the config has no such profile; the hint lists them.
 */
export async function runProfilesUse(options: ProfilesUseOptions, ctx: CliContext): Promise<ProfilesUseOptions> {
  const names = Object.keys(ctx.config.profiles)
  if (!names.includes(options.name)) {
    throw new ConfigError(`no profile '${options.name}' in ${ctx.configLocation.file}`, {
      hint: names.length > 0 ? `known profiles: ${names.join(', ')}` : `there are no profiles yet; add one with '${CLI_NAME} config set profiles.${options.name}.host URL'`,
    })
  }
  await ctx.saveConfig(setConfigValue(ctx.config, 'active_profile', options.name, { profile: options.name }))
  return options
}

/** `✓ active profile: NAME` on stderr; `--json`: `{"active":"NAME"}` on stdout. */
export function renderProfilesUse({ name }: ProfilesUseOptions, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson({ active: name }))
  ctx.err.line(`${ctx.err.colors.green('✓')} active profile: ${name}`)
}

export const profilesListCommand: CommandSpec<object, ProfilesListResult> = {
  id: 'profiles list',
  parse: () => ({}),
  run: runProfilesList,
  render: renderProfilesList,
}

export const profilesUseCommand: CommandSpec<ProfilesUseOptions, ProfilesUseOptions> = {
  id: 'profiles use',
  parse: parseProfilesUseOptions,
  run: runProfilesUse,
  render: renderProfilesUse,
}

/** Adds `profiles list|use`. */
export function registerProfilesCommands(program: Command, mount: Mount): void {
  const profiles = addGroup(program, 'profiles', 'list the named profiles and pick the active one')
  mount(profiles.command('list').description('list every profile; * marks the active one'), profilesListCommand)
  mount(profiles.command('use').argument('<name>').description('make a profile the active one'), profilesUseCommand)
}
