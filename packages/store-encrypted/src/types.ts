/**
 * The public types of `@auth/store-encrypted`: the key, the store's options and interface.
 * Types only; nothing here runs.
 */
import type { Logger } from '@auth/core'
import type { FileBackedStore } from '@auth/store-file'

/**
 * Where the encryption key comes from:
 * - `passphrase`: stretched with scrypt (N=2^17, r=8, p=1; a random salt per file);
 * - `rawKey`: 32 random bytes used as they are;
 * - `provider`: a 32-byte data key fetched on first use, e.g. from the OS keychain (envelope
 *   encryption); called at most once per store until it succeeds.
 * `label` names the source in error messages (the product's variable, `the keychain`).
 * `getOrCreate: true` says the provider creates the key when there is none (see {@link keychainKey}):
 * the store then calls it under a file lock beside its file, so racing processes agree on one key.
 */
export type EncryptionKey = { passphrase: string; label?: string } | { rawKey: Uint8Array; label?: string } | { provider: () => Promise<Uint8Array>; label?: string; getOrCreate?: boolean }

/** Options of {@link createEncryptedStore}. */
export interface EncryptedStoreOptions {
  /** The folder holding the file (the product's config folder, `~/.mycli`); created 0700 when missing. */
  dir: string
  /** The file name inside `dir`, a plain name without separators; default `credentials.enc`. */
  fileName?: string
  /** The key; see {@link parseEncryptionKey} for a key in an environment variable, {@link keychainKey} for a keychain data key. */
  key: EncryptionKey
  /** How long to wait for another process holding the lock before failing, ms; default 5000. */
  lockTimeoutMs?: number
  /** Where to log (lock take-overs, files moved aside, key rotation); nothing is logged without one. */
  logger?: Logger
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number
}

/**
 * A {@link FileBackedStore} in one AES-256-GCM sealed file (kind `encrypted`), with the file
 * store's guarantees: 0600, atomic writes, a cross-process lock, nothing overwritten silently.
 * `probe` answers without deriving the key; `moveAsideCorrupt` also moves a tampered file, but
 * not one that only needs another key (it rejects with the wrong-key error).
 */
export interface EncryptedStore extends FileBackedStore {
  readonly kind: 'encrypted'
  /**
   * Re-encrypts the file under `newKey` (a new salt and nonce) in one atomic write, holding the
   * lock; this store uses `newKey` from then on. With no file yet, only the store's key changes.
   */
  rotateKey(newKey: EncryptionKey): Promise<void>
}
