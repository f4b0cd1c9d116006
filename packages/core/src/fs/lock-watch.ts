/**
 * Waiting for a lock file to change without polling it: a waiter sleeps until the kernel says
 * the file changed or went away (inotify, FSEvents, ReadDirectoryChangesW through `fs.watch`),
 * or until a fallback timer, so twenty processes waiting for one refresh cost nothing while
 * they wait and wake as soon as the holder releases. Internal.
 */
import { watch, type FSWatcher } from 'node:fs'
import { errorCode } from './fs-error.js'

/**
 * How a {@link waitForChange} ended: `changed` (the file changed, was replaced or removed),
 * `timeout` (`ms` passed), `aborted` (the signal), `missing` (no such file: nothing waited),
 * `unwatched` (the file cannot be watched here: nothing waited, poll instead).
 */
export type ChangeWait = 'changed' | 'timeout' | 'aborted' | 'missing' | 'unwatched'

/**
 * Resolves when the file `path` changes or is removed, after `ms`, or when `signal` aborts,
 * whichever comes first; at once with `missing` when it does not exist and `unwatched` when it
 * cannot be watched (a file system without change events, the watch limit reached). A change on
 * a network share made by another machine may not be seen: callers keep `ms` as their poll.
 * The timer keeps the process alive (a waiter must not be dropped); the watch does not.
 * @example `if ((await waitForChange(lockPath, 250, signal)) === 'unwatched') await sleep(10)`
 */
export function waitForChange(path: string, ms: number, signal?: AbortSignal): Promise<ChangeWait> {
  if (signal?.aborted) return Promise.resolve('aborted')
  let watcher: FSWatcher
  try {
    watcher = watch(path, { persistent: false })
  } catch (error) {
    return Promise.resolve(errorCode(error) === 'ENOENT' ? 'missing' : 'unwatched')
  }
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const done = (how: ChangeWait) => {
      if (timer === undefined) return
      clearTimeout(timer)
      timer = undefined
      signal?.removeEventListener('abort', aborted)
      watcher.close()
      resolve(how)
    }
    const aborted = () => done('aborted')
    timer = setTimeout(() => done('timeout'), Math.max(0, ms))
    watcher.on('change', () => done('changed'))
    // A watch that fails later (the file's folder removed, a platform quirk): the caller looks again.
    watcher.on('error', () => done('changed'))
    signal?.addEventListener('abort', aborted, { once: true })
  })
}
