import { invalid } from './_assert.js'
import { credentialKey } from './credential-key.js'
import type { CredentialKey } from './types.js'

/**
 * Parses the string made by {@link credentialKeyId} back into a key.
 *
 * @throws ConfigError `CONFIG_ERROR` on anything that is not such a string (a store reading
 * its own data should wrap it in a `StorageError`). The message never repeats the input.
 * @example
 * ```ts
 * parseCredentialKeyId('https://h#alice%40example.com') // { host: 'https://h', account: 'alice@example.com' }
 * ```
 * @see {@link credentialKeyId}
 */
export function parseCredentialKeyId(id: string): CredentialKey {
  const hash = typeof id === 'string' ? id.lastIndexOf('#') : -1
  if (hash <= 0) invalid('parseCredentialKeyId', 'not a credential key id (expected "<host>#<account>")')
  let account: string
  try {
    account = decodeURIComponent(id.slice(hash + 1))
  } catch {
    invalid('parseCredentialKeyId', 'the account part of the key id is not valid URL encoding')
  }
  return credentialKey(id.slice(0, hash), account)
}
