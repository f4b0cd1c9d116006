import { type FSWatcher, watch } from 'node:fs'
import { basename, dirname } from 'node:path'
import { TOKEN_INDEX_FILE } from './read-token-index.js'
import { REFRESH_MARKER_STALE_MS, refreshMarkerState, removeStale } from './refresh-marker.js'

/** Options of {@link waitForTokenIndex}. */
export interface WaitForTokenIndexOptions {
  /** The longest wait, in ms (default {@link REFRESH_MARKER_STALE_MS}): then `undefined`, and the caller does the full lookup. */
  timeoutMs?: number
  /** How often the leader's process is looked at while nothing changes, in ms (default 100; 20 where the folder cannot be watched). */
  checkMs?: number
}

/**
 * A follower's wait (see `claimRefreshMarker`): resolves with `answer()` (the caller's own
 * token-index lookup, the one it would make without waiting: the index, the signatures, the
 * credential's freshness) as soon as it has one, which is when the leader has renewed and
 * recorded the index again. Resolves `undefined` when the marker at `marker` is gone and the
 * index still cannot answer (the leader ended without recording: a failed renewal, another
 * change), when the leader died (its process gone: see `refreshMarkerState`), when the marker
 * can no longer be trusted, or after `timeoutMs`: the caller then does the full lookup, under
 * the real lock. Sleeps on a watch of the marker's folder (the index is replaced there, and the
 * marker removed), with a check every `checkMs` for a leader that died (a dead process changes
 * no file). Never rejects: an `answer` that throws counts as no answer.
 * @example `const token = await waitForTokenIndex(marker, () => lookup())`
 */
export function waitForTokenIndex<T>(marker: string, answer: () => T | undefined, options: WaitForTokenIndexOptions = {}): Promise<T | undefined> {
  const deadline = Date.now() + (options.timeoutMs ?? REFRESH_MARKER_STALE_MS)
  const name = basename(marker)
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    let done = false
    let queued = false
    const finish = (value: T | undefined) => {
      if (done) return
      done = true
      watcher?.close()
      if (timer !== undefined) clearTimeout(timer)
      resolve(value)
    }
    const ask = () => {
      try {
        return answer()
      } catch {
        return undefined
      }
    }
    const check = () => {
      queued = false
      if (done) return
      const value = ask()
      if (value !== undefined) return finish(value)
      // Not live any more: one last look (the index may have been recorded just before the marker
      // went). A dead leader's marker is removed, so that the next run leads.
      const state = refreshMarkerState(marker)
      if (state === 'stale') removeStale(marker)
      if (state !== 'live') return finish(ask())
      if (Date.now() >= deadline) finish(undefined)
    }
    try {
      watcher = watch(dirname(marker), (_event, file) => {
        // The index replaced, the marker removed (or a change the system does not name): look again, once per burst.
        if (queued || (file !== null && file !== TOKEN_INDEX_FILE && file !== name)) return
        queued = true
        setImmediate(check)
      })
      watcher.on('error', () => {
        watcher?.close()
        watcher = undefined
      })
    } catch {
      watcher = undefined // no watch here (no inotify, its limit reached): the timer alone
    }
    const every = options.checkMs ?? (watcher === undefined ? 20 : 100)
    const tick = () => {
      check()
      if (!done) timer = setTimeout(tick, every)
    }
    // The first look comes after the watch is set: a change between them is not missed.
    tick()
  })
}
