/**
 * Serialises the lock holders of one process per file, so callers in the same process queue
 * in memory instead of polling the lock file. A waiter gives up at its deadline (the one
 * `timeoutMs` covers the queue and the lock file together). Not re-entrant: a task must not
 * wait for a task queued behind it on the same file. Internal.
 */
const tails = new Map<string, Promise<void>>()

export function inProcessQueue<T>(file: string, deadline: number, onTimeout: () => Error, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(file) ?? Promise.resolve()
  const run = waitUntil(previous, deadline, onTimeout).then(task)
  const tail = run.then(noop, noop)
  tails.set(file, tail)
  void tail.then(() => {
    if (tails.get(file) === tail) tails.delete(file)
  })
  return run
}

async function waitUntil(previous: Promise<void>, deadline: number, onTimeout: () => Error): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - performance.now()))
  })
  try {
    await Promise.race([previous, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function noop(): void {}
