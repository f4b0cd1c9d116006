import { hostname } from 'node:os'
import type { LockHolder } from './_lock-file.js'
import { pidAlive } from './_pid-alive.js'
import { currentThreadId } from './_thread-id.js'

/** A lock file we cannot parse is given this long to be finished by its writer, ms. */
const UNREADABLE_GRACE_MS = 2_000

/**
 * Whether a lock may be taken over: its process is gone (same machine), or it is a previous
 * process that had our pid (pid reuse, as in containers), or it is older than `staleMs`.
 * A lock from another machine (a shared folder) is judged by age only. Internal.
 */
export async function isStale(holder: LockHolder, now: number, staleMs: number): Promise<boolean> {
  const { info } = holder
  if (info === undefined) return now - holder.mtimeMs > UNREADABLE_GRACE_MS
  if (now - info.time > staleMs) return true
  if (info.host !== hostname()) return false
  if (info.pid === process.pid) return info.thread === (await currentThreadId()) && info.start !== Math.round(performance.timeOrigin)
  return !(await pidAlive(info.pid))
}
