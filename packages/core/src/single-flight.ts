/** What {@link singleFlight} returns. */
export interface SingleFlight<K, T> {
  /** Runs `fn` for `key`, or joins the call already running for `key`. */
  run(key: K, fn: () => Promise<T>): Promise<T>
  /** Whether a call is running for `key`. */
  has(key: K): boolean
}

/**
 * Joins concurrent calls per key: while a call for a key is running, `run` with the same key
 * returns the same promise instead of calling `fn` again. Once it settles, resolved or
 * rejected, the next `run` calls `fn` anew (nothing is cached).
 *
 * @example
 * ```ts
 * const refreshes = singleFlight<string, Credential>()
 * const renew = (c: Credential) => refreshes.run(credentialKeyId(key), () => flow.refresh!(c, ctx))
 * ```
 * @see {@link memoize} to also cache the value.
 * @throws Never itself; `run` rejects with whatever `fn` throws.
 */
export function singleFlight<K, T>(): SingleFlight<K, T> {
  const running = new Map<K, Promise<T>>()
  return {
    run(key, fn) {
      const joined = running.get(key)
      if (joined) return joined
      const started = new Promise<T>((resolve) => resolve(fn()))
      running.set(key, started)
      const clear = () => {
        if (running.get(key) === started) running.delete(key)
      }
      started.then(clear, clear)
      return started
    },
    has: (key) => running.has(key),
  }
}
