import { checkAccount } from './_account.js'
import { normalizeHostAs } from './_parse-http-url.js'
import type { CredentialKey } from './types.js'

/**
 * Builds the key a credential is stored under: the host normalised (as {@link normalizeHost},
 * accepting plain `http://` too: a key only names a credential, the check against insecure
 * hosts happens where a connection is made) and an account on that host.
 *
 * @param host - The API base URL or bare host.
 * @param account - The account on that host; default `'default'`.
 * @throws ConfigError `CONFIG_ERROR` on a bad host or an empty account.
 * @example
 * ```ts
 * credentialKey('Example.com/')          // { host: 'https://example.com', account: 'default' }
 * credentialKey('example.com', 'alice')  // { host: 'https://example.com', account: 'alice' }
 * ```
 * @see {@link credentialKeyId} for the key as one string.
 */
export function credentialKey(host: string, account = 'default'): CredentialKey {
  return { host: normalizeHostAs(host, 'host', true), account: checkAccount(account, 'credentialKey') }
}
