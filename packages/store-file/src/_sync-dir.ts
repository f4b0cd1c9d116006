import { open } from 'node:fs/promises'

/**
 * Fsyncs a folder so a rename in it survives a crash. Not every platform can (Windows cannot
 * open a folder; some file systems refuse): the rename is done either way. Internal.
 */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // best effort
  }
}
