import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file atomically and privately: the directory is created 0700 when missing; a temp
 * file in the same directory is created 0600, written, fsynced and renamed over the target;
 * then the directory is fsynced (where the platform allows it). Readers see the old file or
 * the new one, never half of one. Internal.
 */
// Temp names need only be unique, not secret: pid + time + a per-process counter, opened
// with `wx` so a clash fails instead of clobbering. (No node:crypto: it costs start-up time.)
let counter = 0

export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = dirname(file)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.${(counter++).toString(36)}.tmp`)
  try {
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await chmod(temp, 0o600)
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  await syncDir(dir)
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is done either way.
  }
}
