import type { CredentialStore, Logger, StoreAvailability } from '@auth/core'

/** What the lazily loaded keychain module offers (`@auth/store-keychain`). */
export type KeychainModule = typeof import('./keychain.js')

let loading: Promise<KeychainModule> | undefined

/**
 * Loads `@auth/store-keychain` (and with it the `@napi-rs/keyring` native addon) on first use.
 * In the bundle it is a lazy chunk: commands that never touch the keychain never load it.
 * @example `const { keychainDataKey } = await loadKeychainModule()`
 */
export function loadKeychainModule(): Promise<KeychainModule> {
  loading ??= import('./keychain.js')
  return loading
}

/**
 * A keychain store that loads its module on first call: creating it costs nothing, so the CLI
 * can offer the keychain to every command and pay only where it is used. A module that fails
 * to load (no prebuilt binary for this platform) makes `probe` answer unavailable, with why.
 * @example `const keychain = createLazyKeychainStore({ service: 'authcli' })`
 */
export function createLazyKeychainStore(options: { service: string; env?: NodeJS.ProcessEnv; logger?: Logger; lockDir?: string }): CredentialStore {
  let created: Promise<CredentialStore> | undefined
  const real = () => (created ??= loadKeychainModule().then((m) => m.createKeychainStore(options)))
  return {
    kind: 'keychain',
    probeBeforeRead: true,
    get: async (key) => (await real()).get(key),
    set: async (key, value) => (await real()).set(key, value),
    delete: async (key) => (await real()).delete(key),
    list: async () => (await real()).list(),
    probe: async (): Promise<StoreAvailability> => {
      let store: CredentialStore
      try {
        store = await real()
      } catch (error) {
        return { available: false, reason: `the keychain module could not be loaded (${error instanceof Error ? error.message : String(error)})` }
      }
      return store.probe ? store.probe() : { available: true }
    },
  }
}
