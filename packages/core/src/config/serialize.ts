import { stringify } from 'smol-toml'
import { isRecord } from '../kit/assert.js'
import { FIELDS } from './schema.js'
import { validateConfigDocument } from './validate-document.js'
import { CONFIG_KEYS } from './keys.js'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'

/**
 * Writes an {@link AuthConfig} as the TOML config file, keys in {@link CONFIG_KEYS} order.
 * The config is checked as {@link parseConfig} checks a file, so what this writes parses back
 * to the same config.
 *
 * @throws ConfigError `CONFIG_ERROR` when the config holds an unknown property or a bad value.
 * @example
 * ```ts
 * serializeConfig({ activeProfile: 'work', profiles: { work: { host: 'https://example.com', scopes: ['openid'] } } })
 * // active_profile = "work"\n\n[profiles.work]\nhost = "https://example.com"\nscopes = [ "openid" ]\n
 * ```
 * @see {@link saveConfig} to write it to disk.
 */
export function serializeConfig(config: AuthConfig): string {
  const fail = (path: string[], problem: string, hint?: string): never => {
    throw new ConfigError(`cannot write the config: ${path.join('.')}: ${problem}`, { ...(hint !== undefined && { hint }) })
  }
  if (!isRecord(config) || !isRecord(config.profiles)) return fail(['config'], 'must be { activeProfile?, profiles: {} }')
  const known = new Set<string>(CONFIG_KEYS.map((key) => FIELDS[key].prop))
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (!isRecord(profile)) return fail(['profiles', name], 'must be an object')
    const unknown = Object.keys(profile).find((prop) => !known.has(prop))
    if (unknown !== undefined) fail(['profiles', name, unknown], 'unknown property', `valid properties: ${[...known].join(', ')}`)
  }
  const document = toDocument(validateConfigDocument(toDocument(config), fail))
  return Object.keys(document).length === 0 ? '' : stringify(document)
}

function toDocument(config: AuthConfig): Record<string, unknown> {
  const profiles: Record<string, Record<string, unknown>> = {}
  for (const [name, profile] of Object.entries(config.profiles)) {
    const table: Record<string, unknown> = {}
    for (const key of CONFIG_KEYS) if (profile[FIELDS[key].prop] !== undefined) table[key] = profile[FIELDS[key].prop]
    Object.defineProperty(profiles, name, { value: table, enumerable: true, writable: true, configurable: true })
  }
  return {
    ...(config.activeProfile !== undefined && { active_profile: config.activeProfile }),
    ...(Object.keys(profiles).length > 0 && { profiles }),
  }
}
