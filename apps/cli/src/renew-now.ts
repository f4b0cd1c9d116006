import { registerSecret, type Credential, type ResolvedProfile } from '@auth/core'
import type { CliContext } from './context.js'
import { renewCredential, type RenewOptions } from './renew.js'
import type { FoundCredential } from './stores/find-credential.js'

/**
 * Renews a stored credential now, whatever its expiry (`auth refresh`, `api` after a 401), and
 * writes the result back to the store and key it came from before returning it: a rotated
 * refresh token is never lost. The credential is read from the store again first, so a refresh
 * token another process rotated meanwhile is the one spent. The new credential keeps the old refresh token when the server
 * sent none, and the old account when it has none.
 * @throws NotFoundError `NOT_FOUND` when the credential's flow cannot renew (a PAT).
 * @throws AuthError from the flow (a refused refresh token: exit 4; the network: exit 5) or the store (exit 6).
 * @example `const fresh = await renewNow(found, profile, ctx)`
 */
export async function renewNow(found: FoundCredential, profile: ResolvedProfile, ctx: CliContext, options: RenewOptions = {}): Promise<Credential> {
  // The store's copy, not the one read earlier: another process may have rotated the refresh token since.
  const stale = (await found.store.get(found.key)) ?? found.credential
  const renewed = await renewCredential(stale, profile, ctx, options)
  const { source: _source, ...fresh } = renewed
  if (fresh.refreshToken === undefined && stale.refreshToken !== undefined) fresh.refreshToken = stale.refreshToken
  if (Object.keys(fresh.account ?? {}).length === 0) fresh.account = { ...stale.account }
  for (const token of [fresh.accessToken, fresh.refreshToken, fresh.idToken]) if (token) registerSecret(token)
  await found.store.set(found.key, fresh)
  ctx.logger.debug(`renewed credential written back to the ${found.store.kind} store`)
  return fresh
}
