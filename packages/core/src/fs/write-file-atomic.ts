import { mkdir, open, rename, unlink } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { assertRecord, invalid } from '../kit/assert.js'
import { errorCode, fsError } from './fs-error.js'
import { checkPath, sleep, syncDir, tempPath } from './temp-files.js'

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** The file's mode; default `0o600`. Ignored on Windows. */
  mode?: number
  /**
   * `false`: no fsync of the file or the folder (still written to a temp file and renamed, so a
   * reader sees the old file or the new one). Only for a file that is a cache, which a reader
   * ignores when it is missing or torn after a crash (the token index). Default `true`.
   */
  sync?: boolean
}

/**
 * Writes a file atomically and privately: creates the folder 0700 when missing, writes a temp
 * file in the same folder (mode `0600` by default), fsyncs it, renames it over the target and
 * fsyncs the folder. A process killed at any instant leaves the old file or the new one, never
 * a torn one (at worst a stray `.<name>.<pid>.*.tmp`, removed by the next {@link withFileLock}).
 *
 * @param path - The file to write.
 * @param data - The new content (UTF-8 when a string).
 * @param options - `mode`, default `0o600` (ignored on Windows); `sync: false` for a cache file (no fsync).
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the write fails (permissions, disk full).
 * @throws ConfigError `CONFIG_ERROR` on a bad argument.
 * @example
 * ```ts
 * await writeFileAtomic('/home/me/.mycli/credentials', JSON.stringify(doc), { mode: 0o600 })
 * ```
 * @see https://man7.org/linux/man-pages/man2/rename.2.html (rename replaces atomically)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const file = resolve(checkPath(path, 'writeFileAtomic'))
  assertRecord(options, 'writeFileAtomic', 'options')
  const mode = checkMode(options.mode)
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) invalid('writeFileAtomic', '"data" must be a string or a Uint8Array')
  const dir = dirname(file)
  const temp = tempPath(file)
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    await writeSynced(temp, data, mode, options.sync !== false)
    await renameOver(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw fsError('@auth/core', 'write', file, error)
  }
  if (options.sync !== false) await syncDir(dir)
}

function checkMode(mode: unknown): number {
  if (mode === undefined) return 0o600
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o777) {
    invalid('writeFileAtomic', '"mode" must be a file mode such as 0o600')
  }
  return mode
}

async function writeSynced(temp: string, data: string | Uint8Array, mode: number, sync: boolean): Promise<void> {
  const handle = await open(temp, 'wx', mode)
  try {
    await handle.writeFile(data)
    // The umask may have cleared bits of `mode`; set it exactly.
    if (process.platform !== 'win32') await handle.chmod(mode)
    if (sync) await handle.sync()
  } finally {
    await handle.close()
  }
}

/** rename(2); on Windows, retries briefly while another process has the target open. */
async function renameOver(temp: string, file: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(temp, file)
    } catch (error) {
      const busy = ['EPERM', 'EACCES', 'EBUSY'].includes(errorCode(error) ?? '')
      if (process.platform !== 'win32' || !busy || attempt >= 10) throw error
      await sleep(10 * (attempt + 1))
    }
  }
}
