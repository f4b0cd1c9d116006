import type { Credential } from './types.js'

/**
 * Whether a credential can be renewed without the user: it holds a refresh token, or it comes
 * from a client-credentials grant (renewed by a new grant); never one marked `needsLogin`.
 * Without imports (the token index's hot path reads it from a stored credential before anything
 * else is loaded: `peekCredential`).
 * @example `isRefreshable({ ...credential, refreshToken: 'r' })` is `true`
 */
export function isRefreshable(credential: Pick<Credential, 'needsLogin' | 'refreshToken' | 'flow'>): boolean {
  return credential.needsLogin !== true && (credential.refreshToken !== undefined || credential.flow === 'client-credentials')
}
