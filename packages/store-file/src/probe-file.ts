import { access, constants, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AuthError, type StoreAvailability } from '@auth/core'

/**
 * Whether a store file can be used: `read` succeeds (the file is missing, or readable, private
 * and valid) and its folder, or the nearest existing parent, is writable. Never throws: an
 * `AuthError` from `read` becomes the reason. The probe of the file store, and of stores built
 * on its format (`@auth/store-encrypted`).
 * @example
 * ```ts
 * const { available, reason } = await probeFile(path, () => readPrivateFile(path))
 * ```
 */
export async function probeFile(path: string, read: () => Promise<unknown>): Promise<StoreAvailability> {
  try {
    await read()
    const dir = await nearestExisting(dirname(path))
    await access(dir, constants.W_OK)
    return { available: true, location: path }
  } catch (error) {
    const reason = AuthError.isInstance(error) ? error.message : `cannot write in the folder of ${path}`
    return { available: false, reason, location: path }
  }
}

async function nearestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    try {
      await stat(current)
      return current
    } catch {
      if (dirname(current) === current) return current
    }
  }
}
