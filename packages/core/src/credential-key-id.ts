import { checkAccount } from './_account.js'
import { assertRecord } from './_assert.js'
import { credentialKey } from './credential-key.js'
import type { CredentialKey } from './types.js'

/**
 * The canonical one-string form of a {@link CredentialKey}: `<normalised host>#<account>`, the
 * account URL-encoded. Stores use it as a map key, keychain account or file entry name.
 *
 * @throws ConfigError `CONFIG_ERROR` when the key is not a valid key.
 * @example
 * ```ts
 * credentialKeyId({ host: 'https://h', account: 'alice@example.com' }) // 'https://h#alice%40example.com'
 * ```
 * @see {@link parseCredentialKeyId} for the reverse.
 */
export function credentialKeyId(key: CredentialKey): string {
  assertRecord(key, 'credentialKeyId', 'key')
  const canonical = credentialKey(key.host, checkAccount(key.account, 'credentialKeyId'))
  return `${canonical.host}#${encodeURIComponent(canonical.account)}`
}
