import { StorageError } from '@auth/core'
import { entriesStore, type CredentialEntries } from './entries-store.js'
import { resolveOptions, type Settings } from './options.js'
import { probeFile } from './probe-file.js'
import { moveFileAside, removeMovedAside } from './move-file-aside.js'
import { parseCredentialsDocument } from './parse-credentials-document.js'
import { readPrivateFile } from './read-private-file.js'
import { serializeCredentialsDocument } from './serialize-credentials-document.js'
import type { FileStore, FileStoreOptions } from './types.js'
import { sweepTempFiles, withFileLock, writeFileAtomic } from '@auth/core/kit'

/**
 * A credential store in one JSON file, `<dir>/credentials` (kind `file`): mode 0600 in a 0700
 * folder, refused when group or others can access it (hint `chmod 600`); every write is atomic
 * (temp file, fsync, rename, fsync of the folder) and every read-modify-write holds a
 * cross-process lock, so concurrent processes lose nothing. A corrupt or unknown-version file
 * is an error and is never overwritten; {@link FileStore.moveAsideCorrupt} moves it aside, and
 * {@link FileStore.removeMovedAside} deletes such copies (a full logout: they may hold tokens).
 * Several accounts per host: entries are keyed by `credentialKeyId` (normalised host + account).
 *
 * @throws ConfigError `CONFIG_ERROR` on bad options (at once), or a bad key (from the methods).
 * @throws StorageError `STORAGE_ERROR` (exit 6), from the methods, when the file cannot be
 * read or written, is corrupt, or the lock stays busy past `lockTimeoutMs`.
 * @example
 * ```ts
 * const store = createFileStore({ dir: join(homedir(), '.mycli') })
 * await store.set(credentialKey('api.example.com', 'alice'), credential)
 * await store.get(credentialKey('https://API.example.com/', 'alice')) // the credential
 * ```
 * @see {@link CredentialStore} in `@auth/core`.
 */
export function createFileStore(options: FileStoreOptions): FileStore {
  const settings = resolveOptions(options)
  const { path } = settings
  const read = (): Promise<CredentialEntries> => readEntries(path).finally(() => sweepOnce(path))
  const update = (change: (entries: CredentialEntries) => boolean): Promise<boolean> => updateEntries(settings, change)
  return {
    kind: 'file',
    path,
    ...entriesStore('the file store', read, update),
    probe: () => probeFile(path, read),
    moveAsideCorrupt: () => withFileLock(path, () => moveAsideIfCorrupt(settings), lockOptions(settings)),
    removeMovedAside: () => withFileLock(path, () => removeMovedAside(path), lockOptions(settings)),
  }
}

/** The files whose stray temps this process has swept (or is sweeping). */
const swept = new Set<string>()

/**
 * The first read of a file in a process also removes the temps a killed writer left beside it
 * (they may hold tokens): once per process and file, not per store instance, and started when
 * that read has answered, so the folder listing is off the read's path. The sweep is not
 * awaited, but it keeps the process alive until it is done. Writes sweep under the lock anyway.
 */
function sweepOnce(path: string): void {
  if (swept.has(path)) return
  swept.add(path)
  void sweepTempFiles(path)
}

async function readEntries(path: string): Promise<CredentialEntries> {
  const text = await readPrivateFile(path)
  return text === undefined ? new Map() : parseCredentialsDocument(text, path)
}

/** Lock, read, change, and write back atomically when `change` reports a change. */
function updateEntries(s: Settings, change: (entries: CredentialEntries) => boolean): Promise<boolean> {
  return withFileLock(
    s.path,
    async () => {
      const entries = await readEntries(s.path)
      if (!change(entries)) return false
      await writeFileAtomic(s.path, serializeCredentialsDocument(entries), { mode: 0o600 })
      return true
    },
    lockOptions(s),
  )
}

async function moveAsideIfCorrupt(s: Settings): Promise<string | undefined> {
  const text = await readPrivateFile(s.path) // a permission problem is not corruption: it throws
  if (text === undefined) return undefined
  try {
    parseCredentialsDocument(text, s.path)
    return undefined
  } catch (error) {
    if (!StorageError.isInstance(error)) throw error
  }
  const moved = await moveFileAside(s.path, { now: s.now })
  if (moved !== undefined) s.logger.warn(`@auth/store-file: moved the unreadable ${s.path} aside to ${moved}`)
  return moved
}

function lockOptions(s: Settings): { timeoutMs: number; now: () => number; logger: Settings['logger'] } {
  return { timeoutMs: s.lockTimeoutMs, now: s.now, logger: s.logger }
}
