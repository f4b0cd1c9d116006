import { assertCredential, credentialKey, credentialKeyId, registerSecret, type Credential, type CredentialKey } from '@auth/core'
import { keychainError } from './errors.js'

/** Where a credential lives in the keychain. Internal. */
export interface EntryName {
  /** `<app>:<normalised host>`, e.g. `mycli:https://api.example.com`. */
  service: string
  /** The account name, as in the key (trimmed). */
  account: string
  /** The key's {@link credentialKeyId}, as the index holds it. */
  id: string
  /** For messages: `keychain entry "mycli:https://h" / "alice"`. */
  label: string
}

/**
 * The keychain entry of a credential key.
 * @throws ConfigError `CONFIG_ERROR` on an invalid key.
 */
export function entryName(appService: string, key: CredentialKey): EntryName {
  const id = credentialKeyId(key)
  const { host, account } = credentialKey(key.host, key.account)
  const service = `${appService}:${host}`
  return { service, account, id, label: `keychain entry "${service}" / "${account}"` }
}

/**
 * The stored form of a credential: its JSON, checked, without `source`.
 * @throws StorageError `STORAGE_ERROR` when the credential is invalid.
 */
export function encodeCredential(value: Credential, name: EntryName): string {
  const checked = assertCredential(value, `the value for ${name.label}`)
  delete checked.source
  return JSON.stringify(checked)
}

/**
 * Reads a stored credential back, checked with `assertCredential`; its tokens are registered
 * with `registerSecret` so no later log line or error shows them.
 * @throws StorageError `STORAGE_ERROR` on anything that is not a valid credential's JSON.
 */
export function decodeCredential(text: string, name: EntryName): Credential {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    const reason = 'it is not valid JSON'
    throw keychainError(`invalid credential in ${name.label}: ${reason}`, reason, 'log in again to replace it')
  }
  const credential = assertCredential(parsed, name.label)
  for (const secret of [credential.accessToken, credential.refreshToken, credential.idToken]) if (secret) registerSecret(secret)
  delete credential.source
  return credential
}
