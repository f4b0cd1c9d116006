import { lazyStore, type CredentialStore, type Logger } from '@auth/core'

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
 * The keychain store behind core's `lazyStore`: creating it costs nothing, so the CLI can offer
 * the keychain to every command and pay only where it is used; a module that fails to load (no
 * prebuilt binary for this platform) makes `probe` answer unavailable, with why.
 * @example `const keychain = createLazyKeychainStore({ service: 'authcli' })`
 */
export function createLazyKeychainStore(options: { service: string; env?: NodeJS.ProcessEnv; logger?: Logger; dir?: string }): CredentialStore {
  return lazyStore('keychain', async () => (await loadKeychainModule()).createKeychainStore(options), { probeBeforeRead: true })
}
