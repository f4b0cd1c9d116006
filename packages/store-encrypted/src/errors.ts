import { StorageError } from '@auth/core'

/** Internal error helpers. Messages name the package, the file and the key's source, never key material. */

/** The package that speaks in every message (core's `optionChecker` takes it). */
export const PKG = '@auth/store-encrypted'

/** A StorageError `@auth/store-encrypted: <message>`. */
export function storageError(message: string, hint?: string, cause?: unknown): StorageError {
  return new StorageError(`${PKG}: ${message}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  })
}

const corruptErrors = new WeakSet<object>()

/** The hint for a file that cannot be used any more. */
export const START_OVER = 'log in again to start over (the file is moved aside first), or restore it from a backup'

/** A StorageError for a file that is damaged (not a key problem): `moveAsideCorrupt` moves such files. */
export function corrupt(message: string, hint = START_OVER, cause?: unknown): StorageError {
  const error = storageError(message, hint, cause)
  corruptErrors.add(error)
  return error
}

/** Whether `error` came from {@link corrupt}. */
export function isCorrupt(error: unknown): boolean {
  return typeof error === 'object' && error !== null && corruptErrors.has(error)
}
