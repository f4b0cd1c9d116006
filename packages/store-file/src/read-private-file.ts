import { open, type FileHandle } from 'node:fs/promises'
import { resolve } from 'node:path'
import { errorCode, fsError, optionChecker, storageError } from '@auth/core/kit'
import { PKG, checkPath } from './options.js'

/** Files larger than this are refused: a credentials file is a few kilobytes. */
const MAX_BYTES = 16 * 1024 * 1024

/**
 * Reads a private file as UTF-8, like ssh reads a key: a file that its group or others can read
 * or write is refused, with the hint `chmod 600 <path>` (the mode check is skipped on Windows).
 * A missing file resolves `undefined`.
 *
 * @param path - The file to read.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the file is group/other accessible, not a
 * regular file, larger than 16 MiB, or cannot be read.
 * @throws ConfigError `CONFIG_ERROR` on a bad argument.
 * @example
 * ```ts
 * const text = await readPrivateFile('/home/me/.mycli/credentials') // string | undefined
 * ```
 * @see https://man.openbsd.org/ssh#FILES (the same rule for private keys)
 */
export async function readPrivateFile(path: string): Promise<string | undefined> {
  const file = resolve(checkPath(optionChecker(PKG, 'readPrivateFile'), path, 'path'))
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw fsError(PKG, 'read', file, error)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw storageError(PKG, `${file} is not a regular file`)
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(4, '0')
      throw storageError(PKG, `refusing to read ${file}: group or others can access it (mode ${mode})`, `chmod 600 ${file}`)
    }
    const tooLarge = (bytes: number) => storageError(PKG, `${file} is too large (${bytes} bytes) to be a credentials file`)
    if (info.size > MAX_BYTES) throw tooLarge(info.size)
    // One read of the size stat gave, plus a byte to see the end (`readFile` would stat again
    // first); a file holding more than that (or a short read) is read on to its end.
    const buffer = Buffer.allocUnsafe(info.size + 1)
    const { bytesRead } = await handle.read(buffer, 0, info.size + 1, null)
    const bytes = bytesRead === info.size ? buffer.subarray(0, bytesRead) : Buffer.concat([buffer.subarray(0, bytesRead), await handle.readFile()])
    if (bytes.length > MAX_BYTES) throw tooLarge(bytes.length)
    return bytes.toString('utf8')
  } catch (error) {
    throw fsError(PKG, 'read', file, error)
  } finally {
    // Not awaited: the text is read, and a read-only descriptor has nothing to lose on close;
    // the caller gets it one round trip sooner (the process stays up until the close is done).
    handle.close().catch(() => undefined)
  }
}
