/**
 * The lock file of {@link withFileLock}: what it holds, its exclusive creation, and whether
 * its holder is gone (dead pid, reused pid, too old). Internal.
 */
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { errorCode } from './_fs-error.js'
import { tempPath } from './_temp-files.js'

/** What a lock file holds: who owns it, since when. Internal. */
export interface LockInfo {
  pid: number
  host: string
  /** The owning thread (worker_threads id; 0 for the main thread). */
  thread: number
  /** The owning thread's start (`performance.timeOrigin`): tells a reused pid from its predecessor. */
  start: number
  /** When the lock was taken, epoch ms (the `now` option's clock). */
  time: number
  /** A unique token, so a release removes only its own lock. */
  token: string
}

/** A lock file as found: its parsed content (undefined when unreadable) and its mtime. */
export interface LockHolder {
  info: LockInfo | undefined
  mtimeMs: number
}

let counter = 0

/** A fresh LockInfo for this process and thread (`threadId` from {@link currentThreadId}). */
export function ownLockInfo(time: number, threadId: number): LockInfo {
  const start = Math.round(performance.timeOrigin)
  const token = `${process.pid}.${threadId}.${start}.${(counter++).toString(36)}.${Math.random().toString(36).slice(2)}`
  return { pid: process.pid, host: hostname(), thread: threadId, start, time, token }
}

/**
 * Creates `lockPath` holding `info`, only if it does not exist. The content is written to a
 * temp file first and hard-linked into place, so a lock file is never seen half-written (a
 * process killed between open and write would otherwise leave an empty lock nobody can judge).
 * File systems without hard links fall back to an exclusive create.
 */
export async function createLockFile(lockPath: string, info: LockInfo): Promise<boolean> {
  const content = `${JSON.stringify(info)}\n`
  const temp = tempPath(lockPath)
  try {
    await writeFile(temp, content, { flag: 'wx', mode: 0o600 })
    await link(temp, lockPath)
    return true
  } catch (error) {
    const code = errorCode(error)
    if (code === 'EEXIST') return false
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'].includes(code ?? '')) throw error
    return exclusiveCreate(lockPath, content)
  } finally {
    await unlink(temp).catch(() => {})
  }
}

async function exclusiveCreate(lockPath: string, content: string): Promise<boolean> {
  try {
    await writeFile(lockPath, content, { flag: 'wx', mode: 0o600 })
    return true
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw error
  }
}

/** Reads a lock file; `undefined` when it is gone. */
export async function readLockHolder(lockPath: string): Promise<LockHolder | undefined> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')])
    return { info: parseLockInfo(text), mtimeMs: info.mtimeMs }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw error
  }
}

/** Parses lock content; anything malformed is `undefined` (judged by age only). */
export function parseLockInfo(text: string): LockInfo | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const v = value as Partial<Record<keyof LockInfo, unknown>> | null
  const int = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0
  if (typeof v !== 'object' || v === null || !int(v.pid) || v.pid === 0 || !int(v.thread)) return undefined
  if (typeof v.host !== 'string' || typeof v.token !== 'string' || !int(v.start) || !int(v.time)) return undefined
  return { pid: v.pid, host: v.host, thread: v.thread, start: v.start, time: v.time, token: v.token }
}


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


/**
 * Whether a process with this pid exists on this machine (a zombie counts as gone: it holds
 * nothing). `EPERM` means it exists but belongs to another user. Internal.
 */
export async function pidAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'
  }
  return !(await isZombie(pid))
}

async function isZombie(pid: number): Promise<boolean> {
  if (process.platform !== 'linux') return false
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z'
  } catch {
    return false
  }
}

let cached: number | undefined

/**
 * This thread's worker_threads id (0 on the main thread), loaded on first use: only a lock needs
 * it, and `node:worker_threads` costs start-up time to every process that merely reads. Internal.
 */
export async function currentThreadId(): Promise<number> {
  cached ??= (await import('node:worker_threads')).threadId
  return cached
}
