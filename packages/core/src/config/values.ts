import { assertConfig, parseKeyPath, profileOf } from './key-path.js'
import { FIELDS, checkProfileName, failWith } from './schema.js'
import type { AuthConfig, ProfileConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { CONFIG_KEYS } from './keys.js'

/**
 * Reads one config value (`mycli config get KEY`). KEY is `active_profile`, a profile key
 * such as `client_id` (of `profile`, else the active profile, else `default`), or
 * `profiles.NAME.KEY`.
 *
 * @returns The value (`scopes` as an array), or `undefined` when unset.
 * @throws ConfigError `CONFIG_ERROR` on an unknown key (the hint lists the valid ones).
 * @example
 * ```ts
 * getConfigValue(config, 'client_id', { profile: 'work' })
 * getConfigValue(config, 'profiles.work.scopes') // ['openid', 'profile']
 * ```
 * @see {@link setConfigValue}, {@link listConfigValues}
 */
export function getConfigValue(config: AuthConfig, key: string, options: { profile?: string } = {}): string | string[] | undefined {
  assertConfig(config, 'getConfigValue')
  const path = parseKeyPath(config, key, options?.profile)
  if (path.kind === 'active') return config.activeProfile
  const value = profileOf(config, path.name)?.[FIELDS[path.key].prop]
  return Array.isArray(value) ? [...value] : value
}

/**
 * Sets one config value (`mycli config set KEY VALUE`), checked as the file parser checks it,
 * and returns a NEW config (the input is not modified); the profile is created when missing.
 * KEY forms as {@link getConfigValue}. A `scopes` value may be space- or comma-separated.
 *
 * @throws ConfigError `CONFIG_ERROR` on an unknown key (the hint lists the valid ones) or a bad value.
 * @example
 * ```ts
 * config = setConfigValue(config, 'scopes', 'openid profile', { profile: 'work' })
 * config = setConfigValue(config, 'active_profile', 'work')
 * ```
 * @see {@link unsetConfigValue}, {@link saveConfig}
 */
export function setConfigValue(config: AuthConfig, key: string, value: string, options: { profile?: string } = {}): AuthConfig {
  assertConfig(config, 'setConfigValue')
  const path = parseKeyPath(config, key, options?.profile)
  if (typeof value !== 'string') throw new ConfigError(`${key}: the value must be a string`)
  if (path.kind === 'active') return { ...config, activeProfile: checkProfileName(value.trim(), failWith('active_profile')) }
  const field = FIELDS[path.key]
  const fail = failWith(path.label)
  const parsed = field.fromText ? field.fromText(value, fail) : field.check(value, fail)
  const profile = { ...profileOf(config, path.name), [field.prop]: parsed }
  return { ...config, profiles: { ...config.profiles, [path.name]: profile } }
}

/**
 * Removes one config value (`mycli config unset KEY`) and returns a NEW config; the profile
 * table stays, even when empty. Unsetting what is not set is not an error.
 * KEY forms as {@link getConfigValue}.
 *
 * @throws ConfigError `CONFIG_ERROR` on an unknown key.
 * @example
 * ```ts
 * config = unsetConfigValue(config, 'profiles.work.tenant')
 * ```
 * @see {@link setConfigValue}
 */
export function unsetConfigValue(config: AuthConfig, key: string, options: { profile?: string } = {}): AuthConfig {
  assertConfig(config, 'unsetConfigValue')
  const path = parseKeyPath(config, key, options?.profile)
  if (path.kind === 'active') {
    const copy = { ...config }
    delete copy.activeProfile
    return copy
  }
  const existing = profileOf(config, path.name)
  if (existing === undefined) return config
  const profile: ProfileConfig = { ...existing }
  delete profile[FIELDS[path.key].prop]
  return { ...config, profiles: { ...config.profiles, [path.name]: profile } }
}

/**
 * Every set config value, flattened (`mycli config list`): `active_profile` first, then
 * `profiles.NAME.KEY` in file order, `scopes` joined by spaces. Each key works as input to
 * {@link getConfigValue} and {@link setConfigValue}.
 *
 * @throws ConfigError `CONFIG_ERROR` when `config` is not a config.
 * @example
 * ```ts
 * for (const { key, value } of listConfigValues(config)) console.log(`${key}=${value}`)
 * // active_profile=work
 * // profiles.work.host=https://example.com
 * ```
 * @see {@link getConfigValue}
 */
export function listConfigValues(config: AuthConfig): Array<{ key: string; value: string }> {
  assertConfig(config, 'listConfigValues')
  const rows: Array<{ key: string; value: string }> = []
  if (config.activeProfile !== undefined) rows.push({ key: 'active_profile', value: config.activeProfile })
  for (const name of Object.keys(config.profiles)) {
    const profile = profileOf(config, name) ?? {}
    for (const key of CONFIG_KEYS) {
      const value: unknown = profile[FIELDS[key].prop]
      if (value !== undefined) rows.push({ key: `profiles.${name}.${key}`, value: Array.isArray(value) ? value.join(' ') : String(value) })
    }
  }
  return rows
}
