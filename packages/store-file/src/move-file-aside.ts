import { access, lstat, readdir, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { errorCode, fsError, optionChecker, syncDir, type OptionChecker } from '@auth/core/kit'
import { PKG, checkPath } from './options.js'
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
 * const moved = await moveFileAside('/home/me/.mycli/credentials')
 * // '/home/me/.mycli/credentials.corrupt-20250101T120000Z'
 * ```
 */
export async function moveFileAside(path: string, options: MoveFileAsideOptions = {}): Promise<string | undefined> {
  const check: OptionChecker = optionChecker(PKG, 'moveFileAside')
  const file = resolve(checkPath(check, path, 'path'))
  const given: unknown = options
  check.record(given, 'options')
  const now = check.optionalFunction(options.now, 'now') ?? Date.now
  const stamp = new Date(now())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  for (let n = 1; ; n++) {
    const target = `${file}.corrupt-${stamp}${n === 1 ? '' : `-${n}`}`
    if (await exists(target)) continue
    try {
      await rename(file, target)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined
      throw fsError(PKG, 'move aside', file, error)
    }
    await syncDir(dirname(file))
    return target
  }
}

/**
 * Deletes the copies {@link moveFileAside} made of `path` (`<path>.corrupt-<time>` and
 * `<path>.corrupt-<time>-<n>`, regular files only) and resolves their paths, sorted; `[]` when
 * there are none or the folder is missing. A moved-aside file may still hold tokens: a full
 * logout calls this (through {@link FileStore.removeMovedAside}) so none is left behind.
 * Other files are never touched. Hold {@link withFileLock} on `path` while calling it.
 *
 * @param path - The file whose moved-aside copies go.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the folder cannot be listed or a copy cannot be deleted.
 * @example
 * ```ts
 * await removeMovedAside('/home/me/.mycli/credentials')
 * // ['/home/me/.mycli/credentials.corrupt-20250101T120000Z']
 * ```
 */
export async function removeMovedAside(path: string): Promise<string[]> {
  const file = resolve(checkPath(optionChecker(PKG, 'removeMovedAside'), path, 'path'))
  const names = await listFolder(dirname(file))
  const pattern = movedAsidePattern(basename(file))
  const removed: string[] = []
  for (const name of names.filter((n) => pattern.test(n)).sort()) {
    const target = join(dirname(file), name)
    try {
      if (!(await lstat(target)).isFile()) continue
      await unlink(target)
      removed.push(target)
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw fsError(PKG, 'delete', target, error)
    }
  }
  if (removed.length > 0) await syncDir(dirname(file))
  return removed
}

/** `<name>.corrupt-20250101T120000Z` with an optional `-<n>`: the names moveFileAside gives. */
function movedAsidePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.corrupt-\\d{8}T\\d{6}Z(?:-\\d+)?$`)
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return []
    throw fsError(PKG, 'list', dir, error)
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
