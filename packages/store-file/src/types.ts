/**
 * The public types of `@auth/store-file`: the store's options and interface, and the options of
 * the reusable file primitives. Types only; nothing here runs.
 */
import type { CredentialStore, Logger, StoreAvailability } from '@auth/core'

/** Options of {@link createFileStore}. */
export interface FileStoreOptions {
  /** The folder holding the file, usually `$MYCLI_CONFIG_DIR` (`~/.mycli`); created 0700 when missing. */
  dir: string
  /** The file name inside `dir`, a plain name without separators; default `credentials`. */
  fileName?: string
  /** How long to wait for another process holding the lock before failing, ms; default 5000. */
  lockTimeoutMs?: number
  /** Where to log (lock take-overs, files moved aside); nothing is logged without one. */
  logger?: Logger
  /** The clock, epoch ms; default `Date.now`. Used for lock stamps and `.corrupt-<time>` names. */
  now?: () => number
}

/**
 * A {@link CredentialStore} kept in one private file (0600 in a 0700 folder): atomic writes, a
 * cross-process lock around every read-modify-write, a permission check on every read, and a
 * corrupt file moved aside rather than overwritten. The file store and the encrypted store are both.
 */
export interface FileBackedStore extends CredentialStore {
  /** The absolute path of the file. */
  readonly path: string
  /** Whether the file can be read and written here; never throws. */
  probe(): Promise<StoreAvailability>
  /**
   * Renames a corrupt or unknown-version file to `<file>.corrupt-<time>` and resolves the new
   * path; resolves `undefined` when the file is missing or fine. Call it before a new login
   * only, and tell the user. A file refused for its permissions is not moved (it rejects).
   */
  moveAsideCorrupt(): Promise<string | undefined>
  /**
   * Deletes the copies {@link FileBackedStore.moveAsideCorrupt} left (`<file>.corrupt-<time>`),
   * which may still hold tokens, and resolves their paths; `[]` when there are none. For a full
   * logout (`logout --all`): nothing else is touched, the live file included. Holds the lock.
   * @throws StorageError `STORAGE_ERROR` (exit 6) when a copy cannot be deleted.
   */
  removeMovedAside(): Promise<string[]>
}

/** The {@link FileBackedStore} of one 0600 JSON file (kind `file`). */
export interface FileStore extends FileBackedStore {
  readonly kind: 'file'
}

/** Options of {@link moveFileAside}. */
export interface MoveFileAsideOptions {
  /** The clock for the `.corrupt-<time>` suffix, epoch ms; default `Date.now`. */
  now?: () => number
}
