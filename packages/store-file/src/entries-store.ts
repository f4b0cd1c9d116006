import { assertCredential, credentialKeyId, parseCredentialKeyId, type Credential, type CredentialStore } from '@auth/core'
import { withoutSource } from '@auth/core/kit'

/** A store file's content: credentials keyed by `credentialKeyId` (normalised host + account). */
export type CredentialEntries = Map<string, Credential>

/**
 * `get`, `set`, `delete`, `list` and `entries` over a file of {@link CredentialEntries}, given how to read
 * it and how to change it under the lock (written back atomically only when `change` says it
 * changed something): the part the file store and the encrypted store share. A credential is
 * checked and stripped of its `source` before it is written; `get` hands out a copy.
 * @throws ConfigError `CONFIG_ERROR` for a bad key or credential (`label` names the store).
 * @example
 * ```ts
 * return { kind: 'file', ...entriesStore('the file store', () => readEntries(path), (change) => updateEntries(settings, change)) }
 * ```
 */
export function entriesStore(
  label: string,
  read: () => Promise<CredentialEntries>,
  update: (change: (entries: CredentialEntries) => boolean) => Promise<boolean>,
): Pick<CredentialStore, 'get' | 'set' | 'delete' | 'list' | 'entries'> {
  return {
    async get(key) {
      const found = (await read()).get(credentialKeyId(key))
      return found === undefined ? undefined : structuredClone(found)
    },
    async set(key, value) {
      const id = credentialKeyId(key)
      const credential = withoutSource(assertCredential(value, label))
      await update((entries) => {
        entries.set(id, credential)
        return true
      })
    },
    delete: (key) => {
      const id = credentialKeyId(key)
      return update((entries) => entries.delete(id))
    },
    list: async () => [...(await read()).keys()].map((id) => parseCredentialKeyId(id)),
    entries: async () => [...(await read())].map(([id, credential]) => ({ key: parseCredentialKeyId(id), credential: structuredClone(credential) })),
  }
}
