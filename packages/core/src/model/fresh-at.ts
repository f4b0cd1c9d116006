/**
 * The default refresh skew: a credential expiring within a minute counts as expired.
 * @example `isExpired(credential, { skewMs: DEFAULT_SKEW_MS })`
 * @throws Never (a constant).
 */
export const DEFAULT_SKEW_MS = 60_000

/**
 * The one freshness rule, without argument checks or imports (the token index's reader runs it
 * before anything else is loaded): not marked `needsLogin`, and no `expiresAt` (a personal
 * access token) or a numeric `expiresAt` more than `skewMs` after `now`.
 * @example `freshAt({ expiresAt: Date.now() + 3_600_000 }, Date.now(), DEFAULT_SKEW_MS)` is `true`
 * @see {@link isFresh} (checked options) in freshness.ts
 */
export function freshAt(credential: { readonly expiresAt?: unknown; readonly needsLogin?: unknown }, now: number, skewMs: number): boolean {
  const expiresAt = credential.expiresAt
  return credential.needsLogin !== true && (expiresAt === undefined || (typeof expiresAt === 'number' && !Number.isNaN(expiresAt) && expiresAt - skewMs > now))
}
