import { isRecord } from '../kit/assert.js'
import { FIELDS, checkProfileName } from './schema.js'
import { isSecretKey } from '../redact/secret-keys.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import { CONFIG_KEYS } from './keys.js'
import type { AuthConfig, ConfigKey, ProfileConfig } from './types.js'

/** Reports a problem at a key path (`['profiles', 'work', 'flow']`). */
export type PathFail = (path: string[], problem: string, hint?: string) => never

const TOP_KEYS = 'active_profile, profiles'

/** Checks a parsed TOML document (snake_case keys) and converts it to an {@link AuthConfig}. Internal. */
export function validateConfigDocument(document: Record<string, unknown>, fail: PathFail): AuthConfig {
  const config: AuthConfig = { profiles: {} }
  for (const [key, value] of Object.entries(document)) {
    if (key === 'active_profile') {
      config.activeProfile = checkProfileName(value, (p) => fail([key], typeof value === 'string' ? p : 'must be a string'))
    } else if (key === 'profiles') {
      if (!isRecord(value)) fail([key], 'must be a table of profiles', 'write [profiles.NAME] tables')
      for (const [name, table] of Object.entries(value)) {
        checkProfileName(name, (p) => fail([key, name], p, 'quote names with other characters: [profiles."my name"]'))
        config.profiles[name] = validateProfile(table, name, fail)
      }
    } else {
      fail([key], `unknown key "${sanitizeText(key, 60)}"`, `valid top-level keys: ${TOP_KEYS}; profile settings go in [profiles.NAME] tables`)
    }
  }
  return config
}

function validateProfile(table: unknown, name: string, fail: PathFail): ProfileConfig {
  if (!isRecord(table)) return fail(['profiles', name], 'must be a table', `write [profiles.${name}]`)
  const profile: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(table)) {
    const path = ['profiles', name, key]
    if (!Object.hasOwn(FIELDS, key)) fail(path, `unknown key "${sanitizeText(key, 60)}"`, unknownKeyHint(key, value, name))
    const field = FIELDS[key as ConfigKey]
    profile[field.prop] = field.check(value, (problem, hint) => fail(path, problem, hint))
  }
  return profile as ProfileConfig
}

function unknownKeyHint(key: string, value: unknown, name: string): string {
  if (isRecord(value)) return `a profile name with a dot must be quoted: [profiles."${name}.${sanitizeText(key, 60)}"]`
  if (isSecretKey(key)) return 'secrets do not belong in the config file: use client_secret_env or client_secret_file'
  return `valid keys: ${CONFIG_KEYS.join(', ')}`
}
