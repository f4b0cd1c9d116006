import type { StoreAvailability } from '@auth/core'
import { probeFile, readPrivateFile } from '@auth/store-file'
import { parseEnvelope } from './envelope.js'
import { describeKey, type KeySource } from './key-source.js'

/**
 * Whether the sealed file can be used, fast: the file store's probe with the sealed header as
 * the check. The key is not derived (scrypt is slow on purpose), so a wrong key shows on first
 * use, not here. Never throws. Internal.
 */
export async function probeSealed(path: string, source: KeySource): Promise<StoreAvailability> {
  const availability = await probeFile(path, async () => {
    const text = await readPrivateFile(path)
    if (text !== undefined) parseEnvelope(text, path)
  })
  return availability.available ? { ...availability, reason: describeKey(source) } : availability
}
