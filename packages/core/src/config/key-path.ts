import { isRecord, own } from '../kit/assert.js'
import { checkProfileName, failWith } from './schema.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import { CONFIG_KEYS } from './keys.js'
import type { AuthConfig, ConfigKey, ProfileConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'

/** A config key as `config get/set` takes it, resolved. Internal. */
export type KeyPath = { kind: 'active' } | { kind: 'profile'; name: string; key: ConfigKey; label: string }

const HINT = `valid keys: active_profile, ${CONFIG_KEYS.join(', ')} (for the profile in use), or profiles.NAME.KEY`

/**
 * Resolves `active_profile`, a bare profile key (`client_id`, for `profile`, else the active
 * profile, else `default`) or `profiles.NAME.KEY` (NAME may contain dots, or be quoted).
 */
export function parseKeyPath(config: AuthConfig, key: unknown, profile: unknown): KeyPath {
  if (typeof key !== 'string') throw new ConfigError('the config key must be a string', { hint: HINT })
  if (key === 'active_profile') return { kind: 'active' }
  if ((CONFIG_KEYS as readonly string[]).includes(key)) {
    const name = checkProfileName(profile ?? config.activeProfile ?? 'default', failWith('--profile'))
    return { kind: 'profile', name, key: key as ConfigKey, label: `profiles.${name}.${key}` }
  }
  const m = /^profiles\.(.+)\.([a-z_]+)$/.exec(key)
  if (m && (CONFIG_KEYS as readonly string[]).includes(m[2] as string)) {
    const name = checkProfileName((m[1] as string).replace(/^"(.*)"$/, '$1'), failWith(`config key ${sanitizeText(key, 80)}`))
    return { kind: 'profile', name, key: m[2] as ConfigKey, label: `profiles.${name}.${m[2]}` }
  }
  throw new ConfigError(`unknown config key "${sanitizeText(key, 80)}"`, { hint: HINT })
}

/** Checks that `config` looks like an {@link AuthConfig}. */
export function assertConfig(config: unknown, where: string): asserts config is AuthConfig {
  if (!isRecord(config) || !isRecord(config['profiles'])) {
    throw new ConfigError(`@auth/core: ${where}: "config" must be { activeProfile?, profiles: {} }`)
  }
}

/** The profile `name` of `config`, own property only. */
export function profileOf(config: AuthConfig, name: string): ProfileConfig | undefined {
  const profile = own(config.profiles, name)
  return isRecord(profile) ? profile : undefined
}
