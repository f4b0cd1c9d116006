import { resolve } from 'node:path'
import { CONFIG_KEYS, ConfigError, ErrorCode, getConfigValue, listConfigValues, setConfigValue, unsetConfigValue } from '@auth/core'
import type { Command } from 'commander'
import { CLI_NAME } from '../app.js'
import { addGroup, type CommandSpec, type Mount, type ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { formatJson } from '../render.js'

/** `config get KEY` / `config unset KEY`. */
export interface ConfigKeyOptions {
  /** `active_profile`, a profile key (`client_id`) or `profiles.NAME.KEY`. */
  key: string
  /** `--profile`: which profile a bare profile key means (else the active one, else `default`). */
  profile?: string
}

/** `config set KEY VALUE`. */
export interface ConfigSetOptions extends ConfigKeyOptions {
  value: string
}

/** What `config get` found; `undefined` when the key is valid but not set. */
export interface ConfigGetResult {
  key: string
  value: string | string[] | undefined
}

/**
 * `config get KEY`: checks the key argument.
 * @throws ConfigError `USAGE_ERROR` for an empty key.
 */
export function parseConfigKeyOptions({ args, globals }: ParseInput): ConfigKeyOptions {
  const key = requireText(args[0], 'KEY')
  return globals.profile === undefined ? { key } : { key, profile: globals.profile }
}

/**
 * `config set KEY VALUE`: the key and the value, as typed (core validates the value).
 * @throws ConfigError `USAGE_ERROR` for an empty key.
 */
export function parseConfigSetOptions(input: ParseInput): ConfigSetOptions {
  const value = input.args[1]
  if (typeof value !== 'string') throw usage('VALUE is required')
  return { ...parseConfigKeyOptions(input), value }
}

/**
 * Reads one value. A valid key that is not set gives `undefined` (printed as nothing, exit 0).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for an unknown key.
 */
export async function runConfigGet(options: ConfigKeyOptions, ctx: CliContext): Promise<ConfigGetResult> {
  const value = getConfigValue(ctx.config, options.key, profileOf(options))
  return { key: options.key, value }
}

/** Prints the value (a list as space-separated words); `--json`: the value as JSON, `null` when unset. */
export function renderConfigGet({ value }: ConfigGetResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(value ?? null))
  if (value !== undefined) ctx.out.line(Array.isArray(value) ? value.join(' ') : value)
}

/**
 * Sets one value and writes the config file (0600).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for an unknown key or an invalid value.
 */
export async function runConfigSet(options: ConfigSetOptions, ctx: CliContext): Promise<void> {
  let value = options.value
  // ca_file is checked when it is set (a readable PEM file of certificates) and kept as an absolute path.
  if (/(^|\.)ca_file$/.test(options.key)) {
    value = resolve(value)
    await (await import('../network-agent.js')).readCaFile(value, 'ca_file')
  }
  const next = setConfigValue(ctx.config, options.key, value, profileOf(options))
  await ctx.saveConfig(next)
  ctx.logger.debug(`set ${options.key} in ${ctx.configLocation.file}`)
}

/**
 * Removes one value and writes the config file; removing an unset value is not an error.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for an unknown key.
 */
export async function runConfigUnset(options: ConfigKeyOptions, ctx: CliContext): Promise<void> {
  const next = unsetConfigValue(ctx.config, options.key, profileOf(options))
  await ctx.saveConfig(next)
  ctx.logger.debug(`unset ${options.key} in ${ctx.configLocation.file}`)
}

/** Every value set in the config file, as `key=value` pairs with full keys. */
export async function runConfigList(_options: object, ctx: CliContext): Promise<Array<{ key: string; value: string }>> {
  return listConfigValues(ctx.config)
}

/** `key=value` lines; `--json`: one object `{ "key": "value", ... }`. */
export function renderConfigList(entries: Array<{ key: string; value: string }>, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(Object.fromEntries(entries.map((e) => [e.key, e.value]))))
  for (const { key, value } of entries) ctx.out.line(`${key}=${value}`)
}

export const configGetCommand: CommandSpec<ConfigKeyOptions, ConfigGetResult> = {
  id: 'config get',
  parse: parseConfigKeyOptions,
  run: runConfigGet,
  render: renderConfigGet,
}

export const configSetCommand: CommandSpec<ConfigSetOptions, void> = {
  id: 'config set',
  parse: parseConfigSetOptions,
  run: runConfigSet,
  render: () => {},
}

export const configUnsetCommand: CommandSpec<ConfigKeyOptions, void> = {
  id: 'config unset',
  parse: parseConfigKeyOptions,
  run: runConfigUnset,
  render: () => {},
}

export const configListCommand: CommandSpec<object, Array<{ key: string; value: string }>> = {
  id: 'config list',
  parse: () => ({}),
  run: runConfigList,
  render: renderConfigList,
}

/** Adds `config get|set|unset|list`. */
export function registerConfigCommands(program: Command, mount: Mount): void {
  const config = addGroup(program, 'config', 'read and write preferences in the config file')
  config.addHelpText('after', configHelpFooter)
  mount(config.command('get').argument('<key>').description('print the value of a key (nothing when it is not set)'), configGetCommand)
  mount(config.command('set').argument('<key>').argument('<value>').description('set a key and save the config file'), configSetCommand)
  mount(config.command('unset').argument('<key>').description('remove a key from the config file'), configUnsetCommand)
  mount(config.command('list').description('print every key that is set, as key=value'), configListCommand)
}

const configHelpFooter = `
Keys:
  active_profile         the profile used when --profile is not given
  KEY                    a key of the --profile profile (else the active one, else "default"):
${wrap(CONFIG_KEYS.join(', '), 25, 96)}
  profiles.NAME.KEY      a key of the profile NAME

Examples:
  $ ${CLI_NAME} config set profiles.work.host https://api.example.com
  $ ${CLI_NAME} config set client_id my-app --profile work
  $ ${CLI_NAME} config get host --profile work
  $ ${CLI_NAME} config list --json`

// core resolves a bare key: --profile, else active_profile, else `default`.
function profileOf(options: ConfigKeyOptions): { profile?: string } {
  return options.profile === undefined ? {} : { profile: options.profile }
}

function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + word.length + 1 > width) lines.push(line.trimEnd()), (line = '')
    line += `${word} `
  }
  lines.push(line.trimEnd())
  return lines.map((l) => ' '.repeat(indent) + l).join('\n')
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw usage(`${name} must not be empty`)
  return value.trim()
}

function usage(message: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, hint: `run '${CLI_NAME} config --help' for the keys` })
}
