import { isLogger } from '../kit/option-checker.js'
import { mkdir, readdir, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { assertRecord, clock, invalid, nonNegative } from '../kit/assert.js'
import { errorCode, fsError, storageError } from './fs-error.js'
import { createLockFile, currentThreadId, foreignOwner, isStale, ownLockInfo, ownProcessIdentity, readLockHolder, sameHolder, type LockHolder, type LockInfo } from './lock-file.js'
import { inProcessQueue } from './lock-queue.js'
import { waitForChange, type ChangeWait } from './lock-watch.js'
import { checkPath, sleep, sweepTempFiles } from './temp-files.js'
import { assertTrustedFolder } from '../config/load.js'
import { silentLogger } from '../redact/logger.js'
import type { Logger } from '../model/types.js'

/** Options of {@link withFileLock}. */
export interface WithFileLockOptions {
  /** How long to wait for a live holder before failing, ms; default 5000. `0` tries once. */
  timeoutMs?: number
  /** The clock of the lock's time stamp (shown in messages; the age of a lock that cannot be judged otherwise), epoch ms; default `Date.now`. */
  now?: () => number
  /**
   * The age after which a lock is taken over when its holder cannot be checked: a lock from
   * another machine (a shared folder), or a live pid whose start time the OS does not tell
   * (not Linux, or a lock written without it), ms; default 60 000. A holder known to be alive
   * (Linux: same pid and start time) is never taken over, however long it holds.
   */
  staleMs?: number
  /** Where to log lock take-overs. */
  logger?: Logger
  /** What the hint of a lock timeout says the holder is doing; default `saving credentials`. */
  purpose?: string
  /** Stops waiting for the lock (rejecting with the signal's reason); once the lock is held, `fn` runs to its end. */
  signal?: AbortSignal
}

interface Settings {
  timeoutMs: number
  staleMs: number
  now: () => number
  logger: Logger
  purpose: string
  signal: AbortSignal | undefined
}

/**
 * Runs `fn` holding a cross-process lock on `path`: the lock file `<path>.lock` holds the
 * owner's pid, its process start time (Linux), host and a time stamp. A lock whose process is
 * gone, or whose pid now runs another process, is taken over at once; a live one is waited
 * for up to `timeoutMs`, however slow it is (see `staleMs` for holders that cannot be checked):
 * the waiter sleeps on a watch of the lock file (woken when it is released or replaced), and
 * re-checks the holder with backoff; where files cannot be watched, it polls. Callers in the
 * same process queue in memory. Not re-entrant. After
 * taking the lock, temp files that killed processes left beside `path` are removed.
 *
 * Take-over is single: a stale lock is removed only by the one waiter that exclusively
 * created its ticket `<path>.lock.break-<token of that lock>` and then found the same lock
 * still in place; then every waiter competes for the lock by the same exclusive create. A
 * waiter that dies holding a ticket is cleared the same way (a ticket for the ticket); a live
 * ticket holder, even a stopped one, is waited for. An unreadable lock file is taken over
 * once this waiter has seen it unchanged for 2 s (its own monotonic clock).
 *
 * @param path - The file the lock protects (the lock is `<path>.lock`; the folder is created 0700).
 * @param fn - The critical section; its result is returned. The lock is released however it ends.
 * @param options - `timeoutMs` (default 5000), `now`, `staleMs` (default 60 000), `logger`, `purpose`, `signal`.
 * A lock folder another user may change (group/other-writable, even with the sticky bit: a lock
 * folder must be the user's own; or owned by someone other than the user or root) is refused; a
 * lock file owned by another user is ignored (taken over) and reported on `logger.warn`.
 *
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a live holder keeps the lock past
 * `timeoutMs`, or the lock file cannot be created; whatever `fn` throws.
 * @throws ConfigError `CONFIG_ERROR` on a bad argument, or (exit 2, with the `chmod go-w` fix)
 * for a lock folder another user may change.
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
  return (await withFileLockUnless(path, fn, undefined, options)).value as T
}

/** What {@link withFileLockUnless} resolves: `fn`'s result (`held`), or what `news` found while waiting. Internal. */
export type LockOutcome<T, U> = { held: true; value: T } | { held: false; value: U }

/**
 * {@link withFileLock}, unless `news` finds, while this caller waits for another process's
 * lock, that the work is done: it is asked each time the waiter wakes (the lock file changed,
 * or a re-check is due: every 1.2 s at the latest, at most every 30 ms where files cannot be
 * watched), and a value other than `undefined` ends the wait without the lock. A holder that
 * writes its result before releasing is seen at its release, without a turn at the lock.
 * Internal (the refresh lock: waiters take the winner's credential).
 */
export async function withFileLockUnless<T, U>(
  path: string,
  fn: () => T | Promise<T>,
  news: (() => Promise<U | undefined>) | undefined,
  options: WithFileLockOptions = {},
): Promise<LockOutcome<T, U>> {
  const file = resolve(checkPath(path, 'withFileLock'))
  if (typeof fn !== 'function') invalid('withFileLock', '"fn" must be a function')
  const settings = checkSettings(options)
  const deadline = performance.now() + settings.timeoutMs
  const busy = () => timeout(`${file}.lock`, undefined, settings, ' (held in this process)')
  return inProcessQueue(file, deadline, busy, async (): Promise<LockOutcome<T, U>> => {
    const lock = await acquire(file, deadline, settings, news)
    if (!('lockPath' in lock)) return { held: false, value: lock.news }
    try {
      return { held: true, value: await fn() }
    } finally {
      await release(lock, settings.logger)
    }
  })
}

function checkSettings(options: WithFileLockOptions): Settings {
  assertRecord(options, 'withFileLock', 'options')
  const o = options as Record<string, unknown>
  const logger = o['logger']
  if (logger !== undefined && !isLogger(logger)) {
    invalid('withFileLock', '"logger" must have debug, info, warn and error methods')
  }
  if (o['purpose'] !== undefined && typeof o['purpose'] !== 'string') invalid('withFileLock', '"purpose" must be a string')
  if (o['signal'] !== undefined && !(o['signal'] instanceof AbortSignal)) invalid('withFileLock', '"signal" must be an AbortSignal')
  return {
    signal: o['signal'] as AbortSignal | undefined,
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

async function acquire<U>(file: string, deadline: number, s: Settings, news: (() => Promise<U | undefined>) | undefined): Promise<HeldLock | { news: U }> {
  const lockPath = `${file}.lock`
  await mkdir(dirname(file), { recursive: true, mode: 0o700 }).catch((e: unknown) => {
    throw fsError('@auth/core', 'create the folder of', file, e)
  })
  // Another user who may write the folder could plant a lock "held" by a live pid, or remove ours.
  await assertTrustedFolder(dirname(file), 'lock folder', { sticky: false })
  const seen = new Sightings()
  // Create only when the lock looks free (or was just broken): a caller that finds it held, or
  // wakes to find it still held, only reads it (its own identity, worker_threads included, is
  // not even loaded), instead of writing a temp file to fail a link. null: present but
  // unreadable to us (permissions): waited for like a live lock.
  const read = () => readLockHolder(lockPath).catch(() => null)
  let holder = await read()
  let asked = performance.now()
  for (let waits = 0; ; ) {
    s.signal?.throwIfAborted()
    if (holder === undefined) {
      // Freed since this waiter last asked for news: the holder may have left its result just
      // before it released (between that ask and the read that found the lock gone).
      if (news !== undefined && waits > 0) {
        const found = await news()
        if (found !== undefined) return { news: found }
      }
      const info = await newInfo(s)
      if (await tryCreate(lockPath, info)) {
        await sweepTempFiles(file)
        await sweepTickets(lockPath, info)
        return { lockPath, info }
      }
      holder = await read()
    }
    // Released meanwhile, or stale and removed: try again at once.
    const free = holder === undefined || (holder !== null && (await judge(holder, lockPath, s, seen)) && (await breakStale(lockPath, holder, lockPath, s, seen, 0)))
    const left = deadline - performance.now()
    if (left <= 0) throw timeout(lockPath, holder ?? undefined, s)
    if (!free) {
      const how = await waitForHolder(lockPath, left, waits++, s.signal)
      if (news !== undefined && how !== 'aborted' && (how !== 'unwatched' || performance.now() - asked >= 30)) {
        asked = performance.now()
        const found = await news()
        if (found !== undefined) return { news: found }
      }
    }
    holder = free ? undefined : await read()
  }
}

/**
 * Sleeps until the lock file changes (its holder releases it, or another waiter replaced it),
 * at most a backoff of 200 ms doubling to 800 ms (±50 %): the re-check that finds a holder that
 * died (a dead process changes no file) or a change made on another machine (a network share);
 * each costs a waiter ~2 ms of CPU, which twenty waiters pay on two cores. Where the
 * file cannot be watched, polls as before: 2 ms doubling to 25 ms. Returns at once when the
 * lock is gone already.
 */
async function waitForHolder(lockPath: string, left: number, waits: number, signal: AbortSignal | undefined): Promise<ChangeWait> {
  const how = await waitForChange(lockPath, Math.min(left, jitter(Math.min(800, 200 * 2 ** Math.min(waits, 2)))), signal)
  if (how === 'unwatched') await sleep(Math.min(left, backoff(waits)))
  return how
}

async function newInfo(s: Settings): Promise<LockInfo> {
  return ownLockInfo(s.now(), await currentThreadId(), await ownProcessIdentity())
}

/** When this waiter first saw each unreadable lock file (monotonic ms): its age is what we saw. */
class Sightings {
  private readonly first = new Map<string, number>()
  age(path: string, h: LockHolder): number {
    const key = `${path}\0${h.ino}\0${h.size}\0${h.mtimeMs}`
    const at = this.first.get(key) ?? performance.now()
    this.first.set(key, at)
    return performance.now() - at
  }
}

/** A lock file we cannot parse is given this long (seen unchanged by this waiter) to be finished by its writer, ms. */
const UNREADABLE_GRACE_MS = 2_000

function judge(holder: LockHolder, path: string, s: Settings, seen: Sightings): Promise<boolean> | boolean {
  const foreign = foreignOwner(holder)
  if (foreign !== undefined) {
    s.logger.warn(`ignoring the lock ${path}: it belongs to uid ${foreign}, not to you (uid ${process.getuid?.()}); taking it over`)
    return true
  }
  if (holder.info === undefined) return seen.age(path, holder) >= UNREADABLE_GRACE_MS
  return isStale(holder.info, s.now(), s.staleMs)
}

async function tryCreate(lockPath: string, info: LockInfo): Promise<boolean> {
  try {
    return await createLockFile(lockPath, info)
  } catch (error) {
    throw fsError('@auth/core', 'create the lock', lockPath, error)
  }
}

/** 2 ms doubling to 25 ms, with jitter so waiters do not move in step (a lock is held for ms). */
function backoff(attempt: number): number {
  return jitter(Math.min(25, 2 * 2 ** Math.min(attempt, 4)))
}

/** 50 % to 150 % of `ms`. */
function jitter(ms: number): number {
  return ms * (0.5 + Math.random())
}

/** The ticket that entitles one waiter to remove the lock file `holder` (keyed by its token, or its inode when unreadable). */
function ticketPath(lockPath: string, holder: LockHolder): string {
  const key = holder.info === undefined ? `i${holder.ino}-${holder.size}-${Math.round(holder.mtimeMs)}` : `t${holder.info.token.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)}`
  return `${lockPath}.break-${key}`
}

/** How deep a chain of dead ticket holders is cleared in one go (each link is a waiter killed mid take-over). */
const MAX_TICKET_DEPTH = 4

/**
 * Removes the stale lock (or ticket) file `path`, found holding `stale`, if it still does.
 * Only the waiter that exclusively creates its ticket may check and remove it: the file cannot
 * change between that check and the unlink, since its holder is gone, nobody can create over
 * it, and any other remover would need the same ticket. Tokens are unique, so once removed the
 * file never comes back and the ticket can go. Resolves whether it made progress.
 */
async function breakStale(path: string, stale: LockHolder, lockPath: string, s: Settings, seen: Sightings, depth: number): Promise<boolean> {
  const ticket = ticketPath(lockPath, stale)
  if (!(await tryCreate(ticket, await newInfo(s)))) {
    // Another waiter is on it. If it died there, clear its ticket the same way; if it lives (even stopped), wait.
    if (depth >= MAX_TICKET_DEPTH) return false
    const holder = await readLockHolder(ticket).catch(() => undefined)
    if (holder === undefined) return true
    return (await judge(holder, ticket, s, seen)) && breakStale(ticket, holder, lockPath, s, seen, depth + 1)
  }
  try {
    const current = await readLockHolder(path)
    if (current === undefined || !sameHolder(current, stale)) return true
    if (!(await judge(current, path, s, seen))) return false
    await unlink(path).catch(ignoreMissing)
    if (depth === 0) s.logger.info(`@auth/core: took over the stale lock ${lockPath}${describeHolder(stale)}`)
    return true
  } finally {
    await unlink(ticket).catch(() => {})
  }
}

/**
 * Removes tickets left by waiters killed mid take-over (their process is gone). Called holding
 * the lock: every ticket then names an earlier lock file, which can never come back, so none
 * can matter any more; only dead holders' tickets are removed, live ones clear their own.
 */
async function sweepTickets(lockPath: string, mine: LockInfo): Promise<void> {
  const prefix = `${basename(lockPath)}.break`
  try {
    for (const name of await readdir(dirname(lockPath))) {
      if (!name.startsWith(prefix) || name.endsWith('.tmp')) continue
      const path = join(dirname(lockPath), name)
      const holder = await readLockHolder(path)
      if (holder?.info === undefined || holder.info.token === mine.token) continue
      if (await isStale(holder.info, holder.info.time, Number.MAX_SAFE_INTEGER)) await unlink(path)
    }
  } catch {
    // best effort: a sweep never fails a write
  }
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
  return storageError('@auth/core', `timed out after ${s.timeoutMs} ms waiting for the lock ${lockPath}${where}`, `another process is ${s.purpose}; if none is running, delete ${lockPath}`)
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
