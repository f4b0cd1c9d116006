import { AuthError, StorageError } from '@auth/core'
import { invalidOption } from '@auth/core/kit'

/** Internal error helpers. Messages name the package and the file, never file contents. */

/** Throws a ConfigError `@auth/store-file: <where>: <what>` for a bad argument (core's `invalidOption`). */
export function invalid(where: string, what: string): never {
  return invalidOption('@auth/store-file', where, what)
}

/** A StorageError `@auth/store-file: <message>`. */
export function storageError(message: string, hint?: string, cause?: unknown): StorageError {
  return new StorageError(`@auth/store-file: ${message}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  })
}

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

/** Wraps a failed file operation into a StorageError `cannot <action> <path>: <reason>`; AuthErrors pass through. */
export function fsError(action: string, path: string, error: unknown): AuthError {
  if (AuthError.isInstance(error)) return error
  const code = errorCode(error)
  const reason = (code && REASONS[code]) ?? code ?? 'failed'
  const hint = code === 'EACCES' || code === 'EPERM' ? `check the owner and mode of ${path} and its folder` : undefined
  return storageError(`cannot ${action} ${path}: ${reason}`, hint, error)
}

/** The `code` of a Node system error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
