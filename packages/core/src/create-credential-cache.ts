import { assertFunction, assertRecord, clock, nonNegative } from './_assert.js'
import { DEFAULT_SKEW_MS, isExpired } from './is-expired.js'
import type { Credential, Provider } from './types.js'

/** Options of {@link createCredentialCache}. */
export interface CredentialCacheOptions {
  /** Where credentials come from, e.g. `() => resolveCredential(...)`. */
  provider: Provider<Credential>
  /** Refresh this many ms before expiry; default 60 000. */
  skewMs?: number
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number
}

/** What {@link createCredentialCache} returns. */
export interface CredentialCache {
  /**
   * The cached credential, or a fresh one from the provider when there is none, it is inside
   * the skew, or `forceRefresh` is set (after a 401). Concurrent callers share one call.
   */
  get(options?: { forceRefresh?: boolean }): Promise<Credential>
  /** The cached credential without any call, or `undefined`. */
  peek(): Credential | undefined
  /** Forgets the cached credential (after a logout). */
  clear(): void
}

/**
 * An in-process, expiry-aware credential cache (the hot path of `auth token` and `api`): no
 * provider call while the credential is valid; a proactive refresh once it is inside the skew,
 * one call shared by every concurrent caller. When a proactive refresh fails while the cached
 * credential has not actually expired yet, callers keep getting the cached one; past
 * `expiresAt`, the failure reaches them. Failures are never cached.
 *
 * @throws ConfigError `CONFIG_ERROR` on bad options.
 * @example
 * ```ts
 * const cache = createCredentialCache({ provider: () => resolveCredential({ key, store }) })
 * const { accessToken } = await cache.get()
 * ```
 * @see {@link memoize} for any value.
 */
export function createCredentialCache(options: CredentialCacheOptions): CredentialCache {
  assertRecord(options, 'createCredentialCache', 'options')
  assertFunction(options.provider, 'createCredentialCache', 'provider')
  const skewMs = nonNegative(options.skewMs, DEFAULT_SKEW_MS, 'createCredentialCache', 'skewMs')
  const now = clock(options.now, 'createCredentialCache')
  let current: Credential | undefined
  let pending: Promise<Credential> | undefined
  const load = (): Promise<Credential> => {
    if (pending) return pending
    const started = new Promise<Credential>((resolve) => resolve(options.provider()))
    pending = started
    started.then((c) => { current = c }, () => {}).finally(() => { if (pending === started) pending = undefined })
    return started
  }
  return {
    async get(call = {}) {
      const cached = current
      if (cached === undefined || call?.forceRefresh) return load()
      if (!isExpired(cached, { now, skewMs })) return cached
      if (isExpired(cached, { now, skewMs: 0 })) return load()
      return load().catch(() => cached)
    },
    peek: () => current,
    clear: () => { current = undefined },
  }
}
