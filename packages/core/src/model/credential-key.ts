import { normalizeHostAs } from '../kit/parse-http-url.js'
import type { CredentialKey, Credential } from './types.js'
import { assertRecord, invalid } from '../kit/assert.js'

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

/**
 * The account name to store a credential under and show in `status`: the login, else the
 * e-mail, else the subject id, else `'default'`. Empty strings count as absent.
 *
 * @example
 * ```ts
 * accountName(credential) // 'alice'
 * ```
 * @throws Never: a missing or odd `account` gives `default`.
 * @see {@link credentialKey}
 */
export function accountName(credential: Credential): string {
  const account = (credential?.account ?? {}) as Record<string, unknown>
  for (const field of ['login', 'email', 'id']) {
    const value = account[field]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return 'default'
}

/** Checks an account name: a non-empty string without control characters. Returns it trimmed. Internal. */
export function checkAccount(account: unknown, where: string): string {
  if (typeof account !== 'string' || account.trim() === '' || /[\u0000-\u001f\u007f]/.test(account)) {
    invalid(where, '"account" must be a non-empty string without control characters')
  }
  return account.trim()
}
