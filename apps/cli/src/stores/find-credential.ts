import { probeStore, type Credential, type CredentialKey, type CredentialStore, type StoreChoice } from '@auth/core'
import type { CliStores } from './create-stores.js'

/** A stored credential and where it is. */
export interface FoundCredential {
  store: CredentialStore
  key: CredentialKey
  credential: Credential
}

/** What identifies a profile's credential in a store. */
export interface CredentialQuery {
  /** The normalised host. */
  host: string
  /** The profile's flow, preferred among several accounts on the host. */
  flow?: string | undefined
  /** The profile's client id, preferred among several accounts on the host. */
  clientId?: string | undefined
  /** The profile's `account`: exactly this account's credential, never another one's. */
  account?: string | undefined
}

/**
 * The stores to read for a store choice: the one named, or for `auto` the keychain (when its
 * probe answers), the encrypted file (when a key is set) and the file, in that order.
 * @example `const stores = await readableStores(createStores(ctx), 'auto')`
 */
export async function readableStores(stores: CliStores, choice: StoreChoice): Promise<CredentialStore[]> {
  if (choice !== 'auto') {
    const store = stores.candidates[choice]
    return store ? [store] : []
  }
  const out: CredentialStore[] = []
  for (const store of stores.lookup) {
    if (store.kind !== 'keychain' || (await probeStore(store, 3000)).available) out.push(store)
  }
  return out
}

/**
 * Finds a profile's credential: the first store (in order) holding one for the host. With
 * `account` set, only that account's credential counts. Otherwise, among several accounts on
 * the host, the one of the profile's flow and client wins, then the most recently obtained.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store fails (a corrupt file, a locked keychain).
 * @example `const found = await findCredential([file], { host: 'https://api.example.com' })`
 */
export async function findCredential(stores: readonly CredentialStore[], query: CredentialQuery): Promise<FoundCredential | undefined> {
  for (const store of stores) {
    // A pinned account is one key: read it directly (one store read on `auth token`'s hot path),
    // else list the host's accounts and pick.
    const keys = query.account === undefined
      ? (await store.list()).filter((key) => key.host === query.host)
      : [{ host: query.host, account: query.account }]
    const found: FoundCredential[] = []
    for (const key of keys) {
      const credential = await store.get(key)
      if (credential) found.push({ store, key, credential })
    }
    if (found.length > 0) return best(found, query)
  }
  return undefined
}

function best(found: FoundCredential[], query: CredentialQuery): FoundCredential {
  const score = ({ credential }: FoundCredential) =>
    (query.flow !== undefined && credential.flow === query.flow ? 2 : 0) + (query.clientId !== undefined && credential.clientId === query.clientId ? 1 : 0)
  return found.reduce((a, b) => (score(b) > score(a) || (score(b) === score(a) && b.credential.obtainedAt > a.credential.obtainedAt) ? b : a))
}
