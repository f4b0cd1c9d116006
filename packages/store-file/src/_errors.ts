import { invalidOption } from '@auth/core/kit'

/** Internal error helpers. Messages name the package and the file, never file contents. */

/** The package that speaks in every message (core's `fsError` and `storageError` take it). */
export const PKG = '@auth/store-file'

/** Throws a ConfigError `@auth/store-file: <where>: <what>` for a bad argument (core's `invalidOption`). */
export function invalid(where: string, what: string): never {
  return invalidOption(PKG, where, what)
}
