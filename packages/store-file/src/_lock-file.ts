import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { errorCode } from './_errors.js'
import { tempPath } from './_temp-path.js'

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
