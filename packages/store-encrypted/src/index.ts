/**
 * `@auth/store-encrypted`: the file store's format and guarantees, sealed with AES-256-GCM;
 * the key from an env var (a passphrase through scrypt, or 32 raw bytes) or the keychain.
 */
export type { EncryptedStore, EncryptedStoreOptions, EncryptionKey } from './types.js'
export { createEncryptedStore } from './create-encrypted-store.js'
export { parseEncryptionKey } from './parse-encryption-key.js'
export { generateDataKey } from './generate-data-key.js'
export { keychainKey } from './keychain-key.js'
export type { KeychainKeyOptions } from './keychain-key.js'
