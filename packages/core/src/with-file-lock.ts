import { mkdir, unlink } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { assertRecord, clock, invalid, nonNegative } from './_assert.js'
import { errorCode, fsError, storageError } from './_fs-error.js'
import { createLockFile, currentThreadId, isStale, ownLockInfo, readLockHolder, type LockHolder, type LockInfo } from './_lock-file.js'
import { inProcessQueue } from './_lock-queue.js'
import { checkPath, sleep, sweepTempFiles } from './_temp-files.js'
import { silentLogger } from './silent-logger.js'
import type { Logger } from './types.js'

/** Options of {@link withFileLock}. */
export interface WithFileLockOptions {
  /** How long to wait for a live holder before failing, ms; default 5000. `0` tries once. */
  timeoutMs?: number
  /** The clock for the lock's time stamp and age, epoch ms; default `Date.now`. */
  now?: () => number
  /** A lock older than this is taken over even if its process seems alive (pid reuse), ms; default 60 000. */
  staleMs?: number
  /** Where to log lock take-overs. */
  logger?: Logger
  /** What the hint of a lock timeout says the holder is doing; default `saving credentials`. */
  purpose?: string
}

interface Settings {
  timeoutMs: number
  staleMs: number
  now: () => number
  logger: Logger
  purpose: string
}

/**
 * Runs `fn` holding a cross-process lock on `path`: the lock file `<path>.lock` holds the
 * owner's pid, host and a time stamp. A lock whose process is gone (or older than `staleMs`)
 * is taken over; a live one is waited for, with backoff, up to `timeoutMs`. Callers in the
 * same process queue in memory. Not re-entrant. After taking the lock, temp files that killed
 * processes left beside `path` are removed.
 *
 * @param path - The file the lock protects (the lock is `<path>.lock`; the folder is created 0700).
 * @param fn - The critical section; its result is returned. The lock is released however it ends.
 * @param options - `timeoutMs` (default 5000), `now`, `staleMs` (default 60 000), `logger`.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a live holder keeps the lock past
 * `timeoutMs`, or the lock file cannot be created; whatever `fn` throws.
 * @throws ConfigError `CONFIG_ERROR` on a bad argument.
 * @example
 * ```ts
 * await withFileLock(path, async () => {
 *   const text = await readPrivateFile(path)
 *   await writeFileAtomic(path, change(text))
 * }, { timeoutMs: 5000 })
 * ```
 * @see https://man7.org/linux/man-pages/man2/link.2.html (link fails with EEXIST: the exclusive create)
 */
export async function withFileLock<T>(path: string, fn: () => T | Promise<T>, options: WithFileLockOptions = {}): Promise<T> {
  const file = resolve(checkPath(path, 'withFileLock'))
  if (typeof fn !== 'function') invalid('withFileLock', '"fn" must be a function')
  const settings = checkSettings(options)
  const deadline = performance.now() + settings.timeoutMs
  const busy = () => timeout(`${file}.lock`, undefined, settings, ' (held in this process)')
  return inProcessQueue(file, deadline, busy, async () => {
    const lock = await acquire(file, deadline, settings)
    try {
      return await fn()
    } finally {
      await release(lock, settings.logger)
    }
  })
}

function checkSettings(options: WithFileLockOptions): Settings {
  assertRecord(options, 'withFileLock', 'options')
  const o = options as Record<string, unknown>
  const logger = o['logger']
  if (logger !== undefined && !['debug', 'info', 'warn', 'error'].every((m) => typeof (logger as Record<string, unknown>)[m] === 'function')) {
    invalid('withFileLock', '"logger" must have debug, info, warn and error methods')
  }
  if (o['purpose'] !== undefined && typeof o['purpose'] !== 'string') invalid('withFileLock', '"purpose" must be a string')
  return {
    timeoutMs: nonNegative(o['timeoutMs'], 5_000, 'withFileLock', 'timeoutMs'),
    staleMs: nonNegative(o['staleMs'], 60_000, 'withFileLock', 'staleMs'),
    now: clock(o['now'], 'withFileLock'),
    logger: (logger as Logger | undefined) ?? silentLogger,
    purpose: (o['purpose'] as string | undefined) ?? 'saving credentials',
  }
}

interface HeldLock {
  lockPath: string
  info: LockInfo
}

async function acquire(file: string, deadline: number, s: Settings): Promise<HeldLock> {
  const lockPath = `${file}.lock`
  await mkdir(dirname(file), { recursive: true, mode: 0o700 }).catch((e: unknown) => { throw fsError('create the folder of', file, e) })
  for (let attempt = 0; ; attempt++) {
    const info = ownLockInfo(s.now(), await currentThreadId())
    if (await tryCreate(lockPath, info)) {
      await sweepTempFiles(file)
      return { lockPath, info }
    }
    // Unreadable (not missing): judge it as a fresh lock we cannot inspect, and wait.
    const holder = await readLockHolder(lockPath).catch((): LockHolder => ({ info: undefined, mtimeMs: s.now() }))
    // Released meanwhile, or stale and removed: try again at once.
    const progress = holder === undefined || ((await isStale(holder, s.now(), s.staleMs)) && (await breakStale(lockPath, s)))
    const left = deadline - performance.now()
    if (left <= 0) throw timeout(lockPath, holder, s)
    if (!progress) await sleep(Math.min(left, backoff(attempt)))
  }
}

async function tryCreate(lockPath: string, info: LockInfo): Promise<boolean> {
  try {
    return await createLockFile(lockPath, info)
  } catch (error) {
    throw fsError('create the lock', lockPath, error)
  }
}

/** 2 ms doubling to 25 ms, with jitter so waiters do not move in step (a lock is held for ms). */
function backoff(attempt: number): number {
  return Math.min(25, 2 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random())
}

/**
 * Removes a stale lock. A second lock (`<lock>.break`) makes the check-then-remove exclusive:
 * without it, two waiters could both judge the same stale lock, and the slower one would
 * remove the lock the faster one had just taken. Resolves whether it made progress.
 */
async function breakStale(lockPath: string, s: Settings): Promise<boolean> {
  const breakPath = `${lockPath}.break`
  if (!(await tryCreate(breakPath, ownLockInfo(s.now(), await currentThreadId())))) return clearStaleBreak(breakPath, s)
  try {
    const holder = await readLockHolder(lockPath)
    if (holder === undefined || !(await isStale(holder, s.now(), s.staleMs))) return true
    await unlink(lockPath).catch(ignoreMissing)
    s.logger.info(`@auth/core: took over the stale lock ${lockPath}${describeHolder(holder)}`)
    return true
  } finally {
    await unlink(breakPath).catch(() => {})
  }
}

/** A break lock lives for microseconds; one left by a killed process is removed. */
async function clearStaleBreak(breakPath: string, s: Settings): Promise<boolean> {
  const holder = await readLockHolder(breakPath).catch(() => undefined)
  if (holder === undefined || !(await isStale(holder, s.now(), 2_000))) return false
  await unlink(breakPath).catch(ignoreMissing)
  return true
}

async function release(lock: HeldLock, logger: Logger): Promise<void> {
  const holder = await readLockHolder(lock.lockPath).catch(() => undefined)
  if (holder?.info?.token !== lock.info.token) {
    logger.warn(`@auth/core: the lock ${lock.lockPath} was taken over while held`)
    return
  }
  await unlink(lock.lockPath).catch(ignoreMissing)
}

function timeout(lockPath: string, holder: LockHolder | undefined, s: Settings, where = describeHolder(holder)): Error {
  return storageError(
    `timed out after ${s.timeoutMs} ms waiting for the lock ${lockPath}${where}`,
    `another process is ${s.purpose}; if none is running, delete ${lockPath}`,
  )
}

function describeHolder(holder: LockHolder | undefined): string {
  const info = holder?.info
  if (info === undefined) return ''
  const since = new Date(info.time)
  const when = Number.isNaN(since.getTime()) ? '' : ` since ${since.toISOString()}`
  return ` (held by pid ${info.pid} on ${JSON.stringify(info.host.slice(0, 64))}${when})`
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error
}
