import type { CredentialStore, StoreAvailability } from '../model/types.js'

/** Options of {@link lazyStore}. */
export interface LazyStoreOptions {
  /**
   * Set for a store that may be absent on a machine (the OS keychain): the session probes it
   * before reading it, and a store that fails to load is then passed over instead of failing.
   */
  probeBeforeRead?: boolean
}

/**
 * A store whose implementation is loaded on first use: creating it costs nothing, so a product
 * can offer a store behind a dynamic `import()` (the keychain and its native addon, in a chunk of
 * its own) to every command and pay for it only where it is read or written. A module that fails
 * to load makes `probe` answer unavailable, with why, and `moveAsideCorrupt` / `removeMovedAside`
 * do nothing; `get`, `set`, `delete` and `list` reject with the load's error.
 *
 * @example
 * ```ts
 * const keychain = lazyStore('keychain', async () => (await import('@auth/store-keychain')).createKeychainStore({ service: 'mycli' }), { probeBeforeRead: true })
 * const auth = createAuth({ name: 'mycli', host, dir, flows, stores: [keychain, createFileStore({ dir })] })
 * ```
 */
export function lazyStore(kind: string, load: () => Promise<CredentialStore>, options: LazyStoreOptions = {}): CredentialStore {
  let loaded: Promise<CredentialStore> | undefined
  // The store once loaded, for the synchronous `locate` (a store is always read before it locates a key).
  let ready: CredentialStore | undefined
  const real = () => (loaded ??= load().then((store) => (ready = store)))
  return {
    kind,
    ...(options.probeBeforeRead === true && { probeBeforeRead: true }),
    get: async (key) => (await real()).get(key),
    set: async (key, value) => (await real()).set(key, value),
    delete: async (key) => (await real()).delete(key),
    list: async () => (await real()).list(),
    probe: async (): Promise<StoreAvailability> => {
      let store: CredentialStore
      try {
        store = await real()
      } catch (error) {
        return { available: false, reason: `the ${kind} store could not be loaded (${error instanceof Error ? error.message : String(error)})` }
      }
      return store.probe ? store.probe() : { available: true }
    },
    locate: (key) => ready?.locate?.(key),
    // A store that cannot load has no file to move aside or clean up: nothing to do, not an error
    // (`auto` then falls back to the next store, and `logout --all` goes on).
    moveAsideCorrupt: async () => (await real().catch(() => undefined))?.moveAsideCorrupt?.(),
    removeMovedAside: async () => (await (await real().catch(() => undefined))?.removeMovedAside?.()) ?? [],
  }
}
