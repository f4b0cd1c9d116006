import { access, open, rename } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { checkNow, checkOptions, checkPath } from './_check.js'
import { errorCode, fsError } from './_errors.js'
import type { MoveFileAsideOptions } from './types.js'

/**
 * Renames a file to `<path>.corrupt-<time>` (time as `20250101T120000Z`; `-2`, `-3`, ... when
 * taken) and resolves the new path, or `undefined` when there is no file. Nothing is deleted.
 * Hold {@link withFileLock} on `path` while calling it.
 *
 * @param path - The file to move aside.
 * @param options - `now`, the clock for the suffix.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the rename fails.
 * @example
 * ```ts
 * const moved = await moveFileAside('/home/me/.authcli/credentials')
 * // '/home/me/.authcli/credentials.corrupt-20250101T120000Z'
 * ```
 */
export async function moveFileAside(path: string, options: MoveFileAsideOptions = {}): Promise<string | undefined> {
  const file = resolve(checkPath(path, 'moveFileAside'))
  const now = checkNow(checkOptions(options, 'moveFileAside')['now'], 'moveFileAside')
  const stamp = new Date(now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  for (let n = 1; ; n++) {
    const target = `${file}.corrupt-${stamp}${n === 1 ? '' : `-${n}`}`
    if (await exists(target)) continue
    try {
      await rename(file, target)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined
      throw fsError('move aside', file, error)
    }
    await syncDir(dirname(file))
    return target
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/** Fsyncs a folder so the rename survives a crash; best effort (Windows cannot open a folder). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // the rename is done either way
  }
}
