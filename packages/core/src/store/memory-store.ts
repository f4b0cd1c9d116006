import { assertCredential } from '../model/assert-credential.js'
import { credentialKeyId } from '../model/credential-key.js'
import { parseCredentialKeyId } from '../model/credential-key.js'
import type { Credential, CredentialStore } from '../model/types.js'

/**
 * A {@link CredentialStore} in process memory (kind `memory`): for tests, for `--store memory`,
 * and for short-lived tokens that must not touch the disk. It keeps deep copies, so a caller
 * mutating a credential it put in or got out changes nothing in the store; it validates
 * what it is given like any store reading untrusted data, and does not keep `source`.
 *
 * @throws ConfigError `CONFIG_ERROR` on an invalid key; StorageError `STORAGE_ERROR` on an invalid credential.
 * @example
 * ```ts
 * const store = createMemoryStore()
 * await store.set(credentialKey('example.com'), credential)
 * await store.get(credentialKey('https://example.com/')) // a copy of credential
 * ```
 * @see {@link CredentialStore}
 */
export function createMemoryStore(): CredentialStore {
  const entries = new Map<string, Credential>()
  return {
    kind: 'memory',
    async get(key) {
      const found = entries.get(credentialKeyId(key))
      return found === undefined ? undefined : structuredClone(found)
    },
    async set(key, value) {
      const id = credentialKeyId(key)
      entries.set(id, withoutSource(assertCredential(value, 'the memory store')))
    },
    async delete(key) {
      return entries.delete(credentialKeyId(key))
    },
    async list() {
      return [...entries.keys()].map(parseCredentialKeyId)
    },
  }
}

/**
 * A copy without `source` (and without the runtime-only fields a store must not persist): every
 * store calls it before writing a credential, since `source` says where it was *read* from.
 * @example `await writeEntry(key, withoutSource(assertCredential(value, 'the file store')))`
 */
export function withoutSource(credential: Credential): Credential {
  const copy = { ...credential }
  delete copy.source
  return copy
}
