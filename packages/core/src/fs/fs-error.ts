import { AuthError } from '../errors/auth-error.js'
import { StorageError } from '../errors/classes.js'

// File-system failures as StorageErrors. Messages name the package, the operation and the path,
// never file contents. Shared by the lock, the atomic writer, the config loader and the stores.

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
}

/**
 * A StorageError `<pkg>: <message>` (exit 6), for a store's own failures.
 *
 * @param pkg - The package that speaks: `@auth/store-file`.
 * @returns The error, for the caller to throw.
 * @throws Never.
 * @example
 * ```ts
 * throw storageError('@auth/store-file', `${path} is not a credentials file`, 'move it away and log in again')
 * ```
 */
export function storageError(pkg: string, message: string, hint?: string, cause?: unknown): StorageError {
  return new StorageError(`${pkg}: ${message}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  })
}

/**
 * Wraps a failed file operation into a StorageError `<pkg>: cannot <action> <path>: <reason>`
 * (`permission denied`, `no space left on the device`, ... or the raw code), with a hint for a
 * permission problem; an AuthError passes through as it is.
 *
 * @returns The error, for the caller to throw.
 * @throws Never.
 * @example
 * ```ts
 * try { await rename(temp, file) } catch (error) { throw fsError('@auth/store-file', 'write', file, error) }
 * ```
 */
export function fsError(pkg: string, action: string, path: string, error: unknown): AuthError {
  if (AuthError.isInstance(error)) return error
  const code = errorCode(error)
  const reason = (code && REASONS[code]) ?? code ?? 'failed'
  const hint = code === 'EACCES' || code === 'EPERM' ? `check the owner and mode of ${path} and its folder` : undefined
  return storageError(pkg, `cannot ${action} ${path}: ${reason}`, hint, error)
}

/**
 * The `code` of a Node system error (`ENOENT`, `EEXIST`, ...), if any.
 *
 * @throws Never.
 * @example
 * ```ts
 * if (errorCode(error) === 'ENOENT') return undefined
 * ```
 */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
