/**
 * Temp files beside a file (atomic writes, lock files), their clean-up after a killed process,
 * folder fsync and the small waits the lock needs. Internal.
 */
import { open, readdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { invalid } from '../kit/assert.js'
import { pidAlive } from './lock-file.js'

/** A non-empty path string without NUL bytes, else a ConfigError naming `where`. */
export function checkPath(value: unknown, where: string, name = 'path'): string {
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0')) invalid(where, `"${name}" must be a non-empty path`)
  return value
}

// Temp names need only be unique, not secret: pid + time + a per-process counter, opened with
// `wx` so a clash fails instead of clobbering. (No node:crypto: it costs start-up time.)
let counter = 0

/**
 * A temp file name beside `file`: `.<name>.<pid>.<unique>.tmp`. The pid lets a later lock
 * holder remove temps left by a killed process (see {@link sweepTempFiles}). Internal.
 */
export function tempPath(file: string): string {
  const unique = `${Date.now().toString(36)}${(counter++).toString(36)}`
  return join(dirname(file), `.${basename(file)}.${process.pid}.${unique}.tmp`)
}

/** The pattern of {@link tempPath} names for `file`, its lock and its take-over tickets; group 1 is the pid. */
export function tempPattern(file: string): RegExp {
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^\\.${name}(?:\\.lock(?:\\.break(?:-[A-Za-z0-9_-]+)?)?)?\\.(\\d+)\\.[0-9a-z]+\\.tmp$`)
}

/** A temp file is only removed once it is this old, in case its writer runs on another machine. */
const MIN_AGE_MS = 10_000

/**
 * Removes temp files that a killed process left beside `file` (from {@link writeFileAtomic}
 * and the lock): only those whose pid is gone and which are older than 10 s, so a live writer's
 * temp file is never touched, with or without the lock. Best effort: never throws. Resolves how
 * many went. `withFileLock` and `saveConfig` call it; stores call it when they first read.
 * @example `void sweepTempFiles('/home/me/.mycli/credentials')`
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

/**
 * Fsyncs a folder so a rename in it survives a crash. Best effort: not every platform can
 * (Windows cannot open a folder; some file systems refuse), and the rename is done either way.
 *
 * @throws Never.
 * @example
 * ```ts
 * await rename(file, aside)
 * await syncDir(dirname(file))
 * ```
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

/** Resolves after `ms` milliseconds. Internal. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
