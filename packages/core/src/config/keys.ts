import type { ConfigKey } from './types.js'

/**
 * The keys a `[profiles.NAME]` table of the config file may hold, in the order they are written.
 *
 * @example
 * ```ts
 * if (!CONFIG_KEYS.includes(key as ConfigKey)) console.error(`valid keys: ${CONFIG_KEYS.join(', ')}`)
 * ```
 * @throws Never (a constant).
 * @see {@link parseConfig}
 */
export const CONFIG_KEYS: readonly ConfigKey[] = Object.freeze([
  'host',
  'issuer',
  'client_id',
  'flow',
  'scopes',
  'tenant',
  'tenant_header',
  'store',
  'profile_url',
  'client_secret_env',
  'client_secret_file',
  'ca_file',
  'account',
] as const)
