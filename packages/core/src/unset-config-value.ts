import { assertConfig, parseKeyPath, profileOf } from './_config-key-path.js'
import { FIELDS } from './_config-schema.js'
import type { AuthConfig, ProfileConfig } from './config-types.js'

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
