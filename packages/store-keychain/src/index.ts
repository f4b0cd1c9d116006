/**
 * `@auth/store-keychain`: a credential store in the OS keychain (macOS Keychain, Secret Service,
 * Windows Credential Manager) through `@napi-rs/keyring`, with a fast probe and a deadline on
 * every call; plus single keychain secrets and a data-key provider for the encrypted store.
 */
export { createKeychainStore } from './create-keychain-store.js'
export { createKeychainSecret } from './create-keychain-secret.js'
export { keychainDataKey } from './keychain-data-key.js'
export type {
  KeychainBackend,
  KeychainCallOptions,
  KeychainCommonOptions,
  KeychainDataKeyOptions,
  KeychainSecret,
  KeychainSecretOptions,
  KeychainStore,
  KeychainStoreOptions,
} from './types.js'
