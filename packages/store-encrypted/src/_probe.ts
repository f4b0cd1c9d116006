import { access, constants, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AuthError, type StoreAvailability } from '@auth/core'
import { readPrivateFile } from '@auth/store-file'
import { parseEnvelope } from './_envelope.js'
import { describeKey, type KeySource } from './_key-source.js'

/**
 * Whether the sealed file can be used, fast: it is missing, or private with a valid header, and
 * its folder (or nearest existing parent) is writable. The key is not derived (scrypt is slow on
 * purpose), so a wrong key shows on first use, not here. Never throws. Internal.
 */
export async function probeSealed(path: string, source: KeySource): Promise<StoreAvailability> {
  try {
    const text = await readPrivateFile(path)
    if (text !== undefined) parseEnvelope(text, path)
    await access(await nearestExisting(dirname(path)), constants.W_OK)
    return { available: true, reason: describeKey(source), location: path }
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
