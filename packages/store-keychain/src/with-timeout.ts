/**
 * Runs `work` with a deadline: after `ms` the signal given to `work` is aborted and the promise
 * rejects with `onTimeout()`, whatever `work` still does. The timer is cleared as soon as `work`
 * settles. Internal.
 */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, onTimeout: () => Error): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(onTimeout())
      controller.abort()
    }, ms)
  })
  try {
    return await Promise.race([work(controller.signal), deadline])
  } finally {
    clearTimeout(timer)
  }
}
