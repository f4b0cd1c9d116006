import { readdir, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pidAlive } from './_pid-alive.js'
import { tempPattern } from './_temp-path.js'

/** A temp file is only removed once it is this old, in case its writer runs on another machine. */
const MIN_AGE_MS = 10_000

/**
 * Removes temp files that a killed process left beside `file` (from {@link writeFileAtomic}
 * and the lock): only those whose pid is gone and which are older than 10 s. Best effort:
 * failures are ignored. Called with the lock held. Internal.
 */
export async function sweepTempFiles(file: string): Promise<number> {
  const dir = dirname(file)
  const pattern = tempPattern(file)
  let removed = 0
  try {
    for (const name of await readdir(dir)) {
      const pid = Number(pattern.exec(name)?.[1] ?? 0)
      if (pid === 0 || pid === process.pid || (await pidAlive(pid))) continue
      const info = await stat(join(dir, name))
      if (Date.now() - info.mtimeMs < MIN_AGE_MS) continue
      await unlink(join(dir, name))
      removed++
    }
  } catch {
    // best effort: a sweep never fails a write
  }
  return removed
}
