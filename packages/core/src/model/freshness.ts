import { clock, nonNegative } from '../kit/assert.js'
import type { Credential } from './types.js'
import { DEFAULT_SKEW_MS, freshAt } from './fresh-at.js'
import { isRefreshable } from './refreshable.js'

export { DEFAULT_SKEW_MS, isRefreshable }

/** Options of {@link isExpired}. */
export interface IsExpiredOptions {
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number
  /** How long before `expiresAt` the credential already counts as expired; default 60 000 ms. */
  skewMs?: number
}

/**
 * Whether a credential is expired, or will be within the skew. A credential without
 * `expiresAt` never expires (a personal access token); a non-numeric `expiresAt` counts as
 * expired.
 *
 * @throws ConfigError `CONFIG_ERROR` on a negative or non-numeric `skewMs`, or a `now` that is not a function.
 * @example
 * ```ts
 * if (isExpired(credential, { skewMs: 30_000 })) credential = await flow.refresh!(credential, ctx)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1 (`expires_in`)
 */
export function isExpired(credential: Credential, options: IsExpiredOptions = {}): boolean {
  const now = clock(options?.now, 'isExpired')
  const skewMs = nonNegative(options?.skewMs, DEFAULT_SKEW_MS, 'isExpired', 'skewMs')
  return !freshAt({ expiresAt: credential?.expiresAt }, now(), skewMs)
}

/**
 * Whether a credential can be handed out as it is: not marked `needsLogin` and not expiring
 * within the skew. The one "is it fresh?" rule of the session (lookup, the refresh lock, the
 * in-process cache); `skewMs: 0` asks "is it still valid at all?".
 *
 * @throws ConfigError `CONFIG_ERROR` on a negative or non-numeric `skewMs`, or a `now` that is not a function.
 * @example `if (!isFresh(credential, { skewMs: 60_000 })) credential = await renew(credential)`
 */
export function isFresh(credential: Credential, options: IsExpiredOptions = {}): boolean {
  return credential.needsLogin !== true && !isExpired(credential, options)
}

/**
 * Whether a request could use the credential now, offline: not marked `needsLogin`, and either
 * not expired (no skew) or renewable without the user. `status` reports it as `valid`.
 * @example `isUsable({ ...credential, expiresAt: Date.now() - 1 })` is `false` without a refresh token
 */
export function isUsable(credential: Credential, options: Pick<IsExpiredOptions, 'now'> = {}): boolean {
  return isFresh(credential, { ...options, skewMs: 0 }) || isRefreshable(credential)
}
