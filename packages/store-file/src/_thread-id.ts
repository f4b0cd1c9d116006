let cached: number | undefined

/**
 * This thread's worker_threads id (0 on the main thread), loaded on first use: only a lock needs
 * it, and `node:worker_threads` costs start-up time to every process that merely reads. Internal.
 */
export async function currentThreadId(): Promise<number> {
  cached ??= (await import('node:worker_threads')).threadId
  return cached
}
