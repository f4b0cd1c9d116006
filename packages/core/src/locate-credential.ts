import { probeStore } from './probe-store.js'
import type { Credential, CredentialKey, CredentialStore } from './types.js'

/** Where {@link locateCredential} found a credential. */
export interface LocatedCredential {
  store: CredentialStore
  /** The credential, with `source` set to the store's kind. */
  credential: Credential
}

/**
 * Finds which store holds the credential for `key`, asking each reachable store in order (a store
 * whose probe says unavailable is skipped). `status` and `logout` use it to name, or clean, every
 * store that holds a credential.
 *
 * @throws StorageError from a reachable store that fails (a corrupt file is not skipped).
 * @example
 * ```ts
 * const hit = await locateCredential([keychain, file], credentialKey('https://api.example.com', 'alice'))
 * if (hit) console.log(`held by ${hit.store.kind}`)
 * ```
 */
export async function locateCredential(
  stores: readonly CredentialStore[],
  key: CredentialKey,
  options: { probeTimeoutMs?: number } = {},
): Promise<LocatedCredential | undefined> {
  for (const store of stores) {
    if (!(await probeStore(store, options.probeTimeoutMs)).available) continue
    const credential = await store.get(key)
    if (credential) return { store, credential: { ...credential, source: store.kind } }
  }
  return undefined
}
