import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fnv1a } from '../kit/fnv1a.js'

/**
 * A marker older than this is a leader that died or hangs, whatever its process says: the
 * others stop waiting for it (a refresh that takes longer is still waited for by the full
 * lookup, under the real lock).
 */
export const REFRESH_MARKER_STALE_MS = 10_000

/** A marker's identity: removed only while the path still names the file its leader created (inode numbers are reused at once: the text too). */
interface MarkerId {
  dev: number
  ino: number
  text: string
}

/**
 * What {@link claimRefreshMarker} decided:
 * - `lead`: this process created the marker; it runs the full lookup (which renews under the
 *   real lock and records the index again) and calls `release` when it ends, on every path;
 * - `follow`: a live leader is renewing this credential; wait for the index to answer
 *   ({@link waitForTokenIndex});
 * - `none`: no marker can be trusted here (a folder or marker others could have written, a
 *   symbolic link, another user's file): run the full lookup now, as without a marker.
 */
export type RefreshMarkerClaim = { role: 'lead'; release: () => void } | { role: 'follow' } | { role: 'none' }

/** What {@link refreshMarkerState} found at the marker's path. */
export type RefreshMarkerState = 'live' | 'stale' | 'gone' | 'untrusted'

/**
 * The marker of the credential `key` (a `credentialKeyId`) of the file store whose file is
 * `file`, in the product's folder `dir` (next to the token index): `<dir>/.token-index.<hash>.refreshing`.
 * It never holds a secret (a process id and its start time).
 * @example `refreshMarkerPath(dir, entry.token.file, entry.token.key)`
 */
export function refreshMarkerPath(dir: string, file: string, key: string): string {
  return join(dir, `.token-index.${fnv1a(`${file}\n${key}`)}.refreshing`)
}

/**
 * Decides who renews a credential that the token index points at but that is no longer fresh,
 * among processes started at once: the first to create the marker at `path` (0600, never
 * through a symbolic link) leads, the others follow while the leader lives. A marker left by a
 * leader that died (its process gone, or older than {@link REFRESH_MARKER_STALE_MS}) is taken
 * over. A marker that goes away between the two looks means its leader just ended: follow
 * (the wait looks at the index at once) rather than lead a second renewal on a stale view.
 * The marker only decides who does the full lookup first: the renewal itself stays under the
 * store's own cross-process lock, so two leaders (a takeover racing a new leader) still renew
 * once. Synchronous, `node:fs` only; never throws.
 * @example `const claim = claimRefreshMarker(refreshMarkerPath(dir, file, key)); if (claim.role === 'lead') process.on('exit', claim.release)`
 */
export function claimRefreshMarker(path: string): RefreshMarkerClaim {
  try {
    if (!trustedFolder(dirname(path))) return { role: 'none' }
    for (let attempt = 0; attempt < 2; attempt++) {
      const mine = createMarker(path)
      if (mine === 'exists') {
        const state = refreshMarkerState(path)
        // Gone meanwhile: its leader just ended, most likely after recording the index; the
        // follower's wait looks at the index first (and leaves it to the full lookup if not).
        if (state === 'live' || state === 'gone') return { role: 'follow' }
        if (state === 'untrusted') return { role: 'none' }
        removeStale(path)
        continue
      }
      if (mine === undefined) return { role: 'none' }
      let released = false
      return {
        role: 'lead',
        release: () => {
          if (!released) removeMarker(path, mine)
          released = true
        },
      }
    }
  } catch {
    // Never on purpose: the full lookup decides.
  }
  return { role: 'none' }
}

/**
 * The marker at `path` now: `gone`; `untrusted` (not a regular file of this user that group
 * and others cannot write, or a symbolic link, or in a folder that is not this user's or that
 * group or others can write); `stale` (its leader's process is gone, is
 * another process with the same id, or it is older than {@link REFRESH_MARKER_STALE_MS}); else
 * `live` (also while its leader has created it but not yet written its id).
 * @example `refreshMarkerState(path) === 'live'`
 */
export function refreshMarkerState(path: string, now: number = Date.now()): RefreshMarkerState {
  let fd: number
  try {
    if (!trustedFolder(dirname(path))) return 'untrusted'

    // Not through a link; not blocked by a FIFO someone put there (it is refused below).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'untrusted'
  }
  try {
    const info = fstatSync(fd)
    const uid = process.getuid?.()
    if (!info.isFile() || (info.mode & 0o022) !== 0 || (uid !== undefined && info.uid !== uid) || info.size > 64) return 'untrusted'
    if (now - info.mtimeMs > REFRESH_MARKER_STALE_MS) return 'stale'
    const [pid, start] = readFileSync(fd, 'utf8').trim().split(' ')
    // Empty: created, not yet written (or written by hand): young, so waited for until it is old.
    if (pid === undefined || !/^[1-9]\d{0,9}$/.test(pid)) return 'live'
    return processAlive(Number(pid), start) ? 'live' : 'stale'
  } catch {
    return 'untrusted'
  } finally {
    closeSync(fd)
  }
}

/** Creates the marker (never through a link: O_EXCL) with this process's id; `exists`, or `undefined` when it cannot be created. */
function createMarker(path: string): MarkerId | 'exists' | undefined {
  let fd: number
  try {
    fd = openSync(path, 'wx', 0o600)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'exists' : undefined
  }
  let id: MarkerId | undefined
  try {
    const start = processStart(process.pid)
    const text = `${process.pid}${start === undefined ? '' : ` ${start}`}\n`
    const { dev, ino } = fstatSync(fd)
    id = { dev, ino, text }
    // A short write (a full disk) is no marker either.
    if (writeSync(fd, text) !== text.length) throw new Error('short write')
    return { dev, ino, text }
  } catch {
    // Not written (ENOSPC): left empty, it would be waited for as just created by every run
    // for 10 s. Removed while the path names the file this process created (and holds open:
    // its inode cannot have been reused).
    if (id !== undefined) unlinkIfSame(path, id)
    return undefined
  } finally {
    closeSync(fd)
  }
}

/** Removes the file at `path` when it is `id`'s (same device and inode). */
function unlinkIfSame(path: string, id: MarkerId): void {
  try {
    const info = lstatSync(path)
    if (info.dev === id.dev && info.ino === id.ino) unlinkSync(path)
  } catch {
    // Gone already.
  }
}

/** Removes the marker when the path still names `id`'s file (not one a newer leader created after a takeover). */
function removeMarker(path: string, id: MarkerId): void {
  try {
    const info = lstatSync(path)
    if (info.isFile() && info.dev === id.dev && info.ino === id.ino && readFileSync(path, 'utf8') === id.text) unlinkSync(path)
  } catch {
    // Gone already, or taken over.
  }
}

/**
 * Removes the marker at `path` if it is stale (see {@link refreshMarkerState}; the same file that
 * was judged stale, as far as one look can tell), so that the next run can lead.
 */
export function removeStale(path: string): void {
  try {
    const info = lstatSync(path)
    const text = info.isFile() ? readFileSync(path, 'utf8') : undefined
    if (text !== undefined && refreshMarkerState(path) === 'stale') removeMarker(path, { dev: info.dev, ino: info.ino, text })
  } catch {
    // Gone already.
  }
}

/** Whether process `pid` runs and, where the system says when it started, is the one that wrote `start`. */
function processAlive(pid: number, start: string | undefined): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists (another user's process reusing the id is judged by the start time).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const now = processStart(pid)
  return now === undefined || (now !== 'zombie' && (start === undefined || now === start))
}

/** When process `pid` started, in clock ticks since boot (Linux's /proc); `zombie` when it has ended but is not reaped yet; else `undefined`. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields 3 (state) and 22; the command name (field 2) may hold spaces and parentheses: count after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[0] === 'Z' ? 'zombie' : fields[19]
  } catch {
    return undefined
  }
}

/** The folder is this user's (or root's) and neither group nor others can write it: a marker there was made by this user. */
function trustedFolder(dir: string): boolean {
  const info = statSync(dir, { throwIfNoEntry: false })
  const uid = process.getuid?.()
  return info !== undefined && info.isDirectory() && (info.mode & 0o022) === 0 && (uid === undefined || info.uid === uid || info.uid === 0)
}
