import { assertConfig, parseKeyPath, profileOf } from './_config-key-path.js'
import { FIELDS, checkProfileName, failWith } from './_config-schema.js'
import type { AuthConfig } from './config-types.js'
import { ConfigError } from './errors.js'

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
