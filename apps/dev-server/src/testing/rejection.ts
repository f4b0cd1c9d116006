/** Runs `fn` and returns what it threw. */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & { code?: string; exitCode?: number; hint?: string }> {
  try {
    await fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}
