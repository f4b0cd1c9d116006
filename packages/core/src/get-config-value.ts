import { assertConfig, parseKeyPath, profileOf } from './_config-key-path.js'
import { FIELDS } from './_config-schema.js'
import type { AuthConfig } from './config-types.js'

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
