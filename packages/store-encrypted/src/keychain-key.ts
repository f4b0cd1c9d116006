import type { EncryptionKey } from './types.js'

/** Options of {@link keychainKey}. */
export interface KeychainKeyOptions {
  /** Names the key's source in messages; default `the keychain`. */
  label?: string | undefined
}

/**
 * The encryption key for a data key kept in the OS keychain (envelope encryption): `getOrCreate`
 * reads the key, or creates and stores one (e.g. `keychainDataKey({ service })` from
 * `@auth/store-keychain`). The encrypted store calls it under a cross-process file lock beside its
 * file (`<dir>/credentials.enc.data-key.lock`): two first logins racing would otherwise each
 * store their own key, and the file could end up sealed with a key the keychain no longer holds.
 *
 * @param getOrCreate - Resolves the 32-byte data key, creating it when missing.
 * @returns An {@link EncryptionKey} for `createEncryptedStore({ key })`.
 * @throws Never itself; the store's methods reject with StorageError `STORAGE_ERROR` when the
 *   provider fails or the lock stays busy.
 * @example
 * ```ts
 * const store = createEncryptedStore({ dir, key: keychainKey(keychainDataKey({ service: 'mycli' })) })
 * ```
 * @see https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-57pt1r5.pdf (key wrapping, §6)
 */
export function keychainKey(getOrCreate: () => Promise<Uint8Array>, options: KeychainKeyOptions = {}): EncryptionKey {
  return { provider: getOrCreate, label: options.label ?? 'the keychain', getOrCreate: true }
}
