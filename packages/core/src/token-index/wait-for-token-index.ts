import { lstatSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { TOKEN_INDEX_FILE } from './read-token-index.js'
import { REFRESH_MARKER_STALE_MS, refreshMarkerState, removeStale } from './refresh-marker.js'

/** Options of {@link waitForTokenIndex}. */
export interface WaitForTokenIndexOptions {
  /** The longest wait, in ms (default {@link REFRESH_MARKER_STALE_MS}): then `undefined`, and the caller does the full lookup. */
  timeoutMs?: number
  /** How often the index and the marker are looked at, in ms (default 10). */
  pollMs?: number
}

/** The leader's process is looked at (is it still alive?) every this many polls. */
const LIVENESS_EVERY = 10

/**
 * A follower's wait (see `claimRefreshMarker`), synchronous: returns `answer()` (the caller's
 * own token-index lookup, the one it would make without waiting: the index, the signatures,
 * the credential's freshness) as soon as it has one, which is when the leader has renewed and
 * recorded the index again. Returns `undefined` when the marker at `marker` is gone and the
 * index still cannot answer (the leader ended without recording: a failed renewal, another
 * change), when the leader died (its process gone: see `refreshMarkerState`; its marker is then
 * removed, so that the next run leads), when the marker can no longer be trusted, or after
 * `timeoutMs`: the caller then does the full lookup, under the real lock.
 *
 * It sleeps in steps of `pollMs` (`Atomics.wait`, no event loop) and looks at the index's and
 * the marker's metadata after each; `answer` runs only when the index was replaced. Cheaper in
 * a short-lived process than a watch of the folder: `fs.watch` alone costs 5-8 ms of CPU to set
 * up, a step of this loop a few µs. Never throws: an `answer` that throws counts as no answer.
 * @example `const token = waitForTokenIndex(marker, () => lookup())`
 */
export function waitForTokenIndex<T>(marker: string, answer: () => T | undefined, options: WaitForTokenIndexOptions = {}): T | undefined {
  const deadline = Date.now() + (options.timeoutMs ?? REFRESH_MARKER_STALE_MS)
  const pollMs = options.pollMs ?? 10
  const index = join(dirname(marker), TOKEN_INDEX_FILE)
  const ask = () => {
    try {
      return answer()
    } catch {
      return undefined
    }
  }
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  let seen = version(index)
  let value = ask()
  for (let step = 1; value === undefined; step++) {
    if (Date.now() >= deadline) return undefined
    Atomics.wait(sleeper, 0, 0, pollMs)
    const now = version(index)
    if (now !== seen) {
      // Replaced: another answer is possible (or another entry was recorded: wait on).
      seen = now
      value = ask()
      continue
    }
    // The marker gone, or (every LIVENESS_EVERY steps: a dead process changes no file) its leader dead.
    const gone = !exists(marker)
    if (gone || step % LIVENESS_EVERY === 0) {
      const state = gone ? 'gone' : refreshMarkerState(marker)
      if (state === 'stale') removeStale(marker)
      // One last look: the index may have been recorded just before the marker went.
      if (state !== 'live') return ask()
    }
  }
  return value
}

/** Whether something is at `path` (not followed). */
function exists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined
  } catch {
    return false
  }
}

/** Which version of the index file is there (a replacement is a new inode). */
function version(path: string): string {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false })
    return info === undefined ? 'missing' : `${info.ino}:${info.mtimeNs}:${info.size}`
  } catch {
    return 'unreadable'
  }
}
