/**
 * The lock file of {@link withFileLock}: what it holds, its exclusive creation, and whether
 * its holder is gone (dead pid, or a pid reused by another process). Internal.
 */
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { errorCode } from './fs-error.js'
import { tempPath } from './temp-files.js'

/** What a lock file holds: who owns it, since when. Internal. */
export interface LockInfo {
  pid: number
  host: string
  /** The owning thread (worker_threads id; 0 for the main thread). */
  thread: number
  /** The owning thread's start (`performance.timeOrigin`): tells a reused pid from its predecessor. */
  start: number
  /**
   * The owning process's identity where the OS tells it: on Linux `<boot id>:<start time>`
   * (field 22 of `/proc/<pid>/stat`, clock ticks since boot). A live pid with another identity
   * is a reused pid, so the lock is stale at once. Absent elsewhere (and in older lock files).
   */
  proc?: string
  /** When the lock was taken, epoch ms (the `now` option's clock). */
  time: number
  /** A unique token, so a release removes only its own lock. */
  token: string
}

/** A lock file as found: its parsed content (undefined when unreadable), its inode, size and mtime. */
export interface LockHolder {
  info: LockInfo | undefined
  /** The file's owner (a lock of another user is ignored). */
  uid: number
  mtimeMs: number
  ino: number
  size: number
}

let counter = 0

/** A fresh LockInfo for this process and thread (`threadId` from {@link currentThreadId}, `proc` from {@link ownProcessIdentity}). */
export function ownLockInfo(time: number, threadId: number, proc: string | undefined): LockInfo {
  const start = Math.round(performance.timeOrigin)
  const token = `${process.pid}.${threadId}.${start}.${(counter++).toString(36)}.${Math.random().toString(36).slice(2)}`
  return { pid: process.pid, host: hostname(), thread: threadId, start, time, token, ...(proc === undefined ? {} : { proc }) }
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
    return { info: parseLockInfo(text), uid: info.uid, mtimeMs: info.mtimeMs, ino: info.ino, size: info.size }
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
  if (v.proc !== undefined && (typeof v.proc !== 'string' || v.proc.length > 100)) return undefined
  const info: LockInfo = { pid: v.pid, host: v.host, thread: v.thread, start: v.start, time: v.time, token: v.token }
  if (typeof v.proc === 'string') info.proc = v.proc
  return info
}

/**
 * The uid owning `holder` when that is another user (not us, not root): such a lock is not ours to
 * honour; another user could plant one "held" by a live pid to block every refresh. Internal.
 */
export function foreignOwner(holder: LockHolder): number | undefined {
  const own = process.getuid?.()
  return own === undefined || holder.uid === own || holder.uid === 0 ? undefined : holder.uid
}

/** The same lock file as before: the same token, or (unreadable) the same inode, size and mtime. */
export function sameHolder(a: LockHolder, b: LockHolder): boolean {
  if (a.info !== undefined || b.info !== undefined) return a.info?.token === b.info?.token
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs
}

/**
 * Whether a readable lock may be taken over. Never because a live holder is slow:
 * - its process is gone (dead, or a zombie), or its pid now belongs to another process (the
 *   recorded `proc` identity differs, or it is this pid in an earlier process): stale at once;
 * - a live pid whose identity cannot be checked (no `/proc`, or a lock without `proc`): stale
 *   only when older than `staleMs` by its time stamp (the one wall-clock age on this machine);
 * - a lock from another machine (a shared folder): judged by its time stamp and `staleMs` only.
 * Internal.
 */
export async function isStale(info: LockInfo, now: number, staleMs: number): Promise<boolean> {
  const old = now - info.time > staleMs
  if (info.host !== hostname()) return old
  const own = await ownProcessIdentity()
  if (info.pid === process.pid) {
    if (info.proc !== undefined && own !== undefined) return info.proc !== own
    return info.thread === (await currentThreadId()) && info.start !== Math.round(performance.timeOrigin)
  }
  const theirs = await processIdentity(info.pid)
  if (theirs === null) return true
  if (theirs !== undefined && info.proc !== undefined) return theirs !== info.proc
  return old
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
  return (await processIdentity(pid)) !== null
}

/**
 * A process's identity, `<boot id>:<start time in clock ticks>` from `/proc` (Linux): `null`
 * when no such process runs (or it is a zombie), `undefined` when the OS cannot tell.
 * @see https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html (field 22, starttime)
 */
export async function processIdentity(pid: number | 'self'): Promise<string | null | undefined> {
  if (process.platform !== 'linux') return pidExists(pid)
  let stat: string
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return pidExists(pid) // gone, or hidden from us (hidepid): ask kill(pid, 0)
  }
  // Fields after the command name (which may hold spaces and parentheses): state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  if (fields[0] === 'Z' || fields[0] === 'X') return null
  const startTime = fields[19]
  const boot = await bootId()
  return startTime === undefined || !/^\d+$/.test(startTime) || boot === undefined ? undefined : `${boot}:${startTime}`
}

/** `null` when the pid is gone, `undefined` when it exists (or we cannot tell): no identity to compare. */
function pidExists(pid: number | 'self'): null | undefined {
  if (pid === 'self') return undefined
  try {
    process.kill(pid, 0)
    return undefined
  } catch (error) {
    return errorCode(error) === 'EPERM' ? undefined : null
  }
}

let boot: Promise<string | undefined> | undefined

function bootId(): Promise<string | undefined> {
  boot ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (t) => t.trim() || undefined,
    () => undefined,
  )
  return boot
}

let own: Promise<string | undefined> | undefined

/** This process's identity (see {@link processIdentity}), read once. Internal. */
export function ownProcessIdentity(): Promise<string | undefined> {
  own ??= processIdentity('self').then((id) => id ?? undefined)
  return own
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
