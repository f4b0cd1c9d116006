import { invalid } from '../kit/assert.js'

/** The env var prefix of the reference CLI. */
export const DEFAULT_ENV_PREFIX = 'AUTHCLI'

/** Checks an env var prefix (`AUTHCLI`, `MYAPP`): letters, digits, `_`, not starting with a digit. Internal. */
export function envPrefixOf(value: unknown, where: string): string {
  if (value === undefined) return DEFAULT_ENV_PREFIX
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    invalid(where, '"envPrefix" must be letters, digits and "_", not starting with a digit')
  }
  return value
}
