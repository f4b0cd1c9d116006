/**
 * Serialises the lock holders of one process per file, so callers in the same process queue
 * in memory instead of polling the lock file. Not re-entrant: a task must not wait for a task
 * queued behind it on the same file. Internal.
 */
const tails = new Map<string, Promise<void>>()

export function inProcessQueue<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(file) ?? Promise.resolve()
  const run = previous.then(task)
  const tail = run.then(noop, noop)
  tails.set(file, tail)
  void tail.then(() => {
    if (tails.get(file) === tail) tails.delete(file)
  })
  return run
}

function noop(): void {}
