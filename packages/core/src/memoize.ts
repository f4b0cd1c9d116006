import { assertFunction, assertOptionalFunction, clock } from './_assert.js'
import type { Provider } from './types.js'

/** Options of {@link memoize}. */
export interface MemoizeOptions<T> {
  /** Whether a cached value must be fetched again; gets the value and the current time. Without it, the value is cached for good. */
  isExpired?: (value: T, now: number) => boolean
  /** The clock, epoch ms, passed to `isExpired`; default `Date.now`. */
  now?: () => number
}

/** A memoized provider: call it as a provider, or with `forceRefresh` to skip the cache (after a 401, say). */
export type MemoizedProvider<T> = (options?: { forceRefresh?: boolean }) => Promise<T>

/**
 * Caches a provider's value. Concurrent callers join one pending call; the value is kept
 * until `isExpired` says so, then the provider is called again, once, shared by every caller
 * at that moment. A rejected call is not cached: the next caller tries again.
 *
 * @throws ConfigError `CONFIG_ERROR` when `provider` or the options are not functions.
 * @example
 * ```ts
 * const token = memoize(() => fetchToken(), { isExpired: (t, now) => t.expiresAt - 60_000 <= now })
 * await Promise.all([token(), token()]) // one fetchToken() call
 * ```
 * @see https://github.com/smithy-lang/smithy-typescript/blob/main/packages/property-provider/src/memoize.ts
 */
export function memoize<T>(provider: Provider<T>, options: MemoizeOptions<T> = {}): MemoizedProvider<T> {
  assertFunction(provider, 'memoize', 'provider')
  assertOptionalFunction(options?.isExpired, 'memoize', 'isExpired')
  const now = clock(options?.now, 'memoize')
  const isExpired = options?.isExpired
  let cached: { value: T } | undefined
  let pending: Promise<T> | undefined
  return (call = {}) => {
    if (pending) return pending
    if (cached && !call?.forceRefresh && !isExpired?.(cached.value, now())) return Promise.resolve(cached.value)
    const started = new Promise<T>((resolve) => resolve(provider()))
    pending = started
    const clear = () => {
      if (pending === started) pending = undefined
    }
    started.then((value) => { cached = { value }; clear() }, clear)
    return started
  }
}
