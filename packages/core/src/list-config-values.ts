import { assertConfig, profileOf } from './_config-key-path.js'
import { FIELDS } from './_config-schema.js'
import { CONFIG_KEYS } from './config-keys.js'
import type { AuthConfig } from './config-types.js'

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
