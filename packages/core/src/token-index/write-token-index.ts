import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../fs/write-file-atomic.js'
import { UNREADABLE } from './file-signature.js'
import { TOKEN_INDEX_FILE, TOKEN_INDEX_VERSION, type TokenIndexEntry, trustedTokenIndexEntries } from './read-token-index.js'

/** How many inputs (flag and environment combinations) the index remembers; the oldest goes first. */
const MAX_ENTRIES = 8

/**
 * Records `entry` in the token index in `dir` (0600, written atomically), replacing the entry
 * with the same `inputs` and keeping the {@link MAX_ENTRIES} most recent. Call it only after a
 * full lookup succeeded, with the signatures taken BEFORE that lookup read anything and checked
 * unchanged after it (so the entry describes exactly what was read). Best effort for the
 * caller: a failure here only means the next run does the full lookup again. Does nothing when
 * `dir` does not exist (the index never creates the product's folder), nor for an entry with an
 * {@link UNREADABLE} file (it could never be matched).
 * @throws StorageError when the file cannot be written (the caller may ignore it).
 * @example `await writeTokenIndex(dir, { inputs, files: before, token: { kind: 'store', store: 'file', key } })`
 */
export async function writeTokenIndex(dir: string, entry: TokenIndexEntry): Promise<void> {
  if (
    Object.values(entry.files).includes(UNREADABLE) ||
    !(await stat(dir).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  )
    return
  const path = join(dir, TOKEN_INDEX_FILE)
  const others = trustedTokenIndexEntries(dir).filter((e) => e.inputs !== entry.inputs)
  const doc = { version: TOKEN_INDEX_VERSION, entries: [entry, ...others].slice(0, MAX_ENTRIES) }
  // A cache: atomic (renamed into place) but not fsynced; a reader ignores an index a crash tore.
  // A renewing leader writes it while the other processes wait for it: no disk flush in their way.
  await writeFileAtomic(path, `${JSON.stringify(doc)}\n`, { mode: 0o600, sync: false })
}
