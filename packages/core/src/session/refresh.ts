/**
 * Renewal under a per-credential lock shared by every process of the product: re-read the
 * store, renew only if still needed, write back before handing the token out. Rotation-safe:
 * a process that waited uses what the winner wrote; a refused refresh token marks the
 * credential as needing a login instead of deleting it. Internal.
 */
import { join } from 'node:path'
import { flowFor, loginContext, loginRequired, type SessionSettings } from './settings.js'
import type { Stored } from './lookup.js'
import { AuthError } from '../errors/auth-error.js'
import { credentialKeyId } from '../model/credential-key.js'
import { fnv1a } from '../kit/fnv1a.js'
import { ErrorCode } from '../errors/codes.js'
import { ConfigError, OAuthError } from '../errors/classes.js'
import { isFresh } from '../model/freshness.js'
import { registerSecret } from '../redact/secrets.js'
import { withFileLockUnless, type LockOutcome } from '../fs/with-file-lock.js'
import type { Credential } from '../model/types.js'

/** What to renew and why. */
export interface RenewRequest {
  /** Renew even when the stored token is not about to expire (`auth refresh`, a 401). */
  force: boolean
  /** The access token the server just refused (401): if the store already holds another one, that one is used. */
  rejected?: string
  /** Scopes to ask for instead of the login's (a refresh may only narrow). */
  scopes?: readonly string[]
}

/**
 * Renews `found` under its lock and resolves the credential to use, already written back
 * (`refreshed`: whether it differs from `found`'s).
 * @throws AuthenticationError `SESSION_EXPIRED` (exit 4) when the server refused the refresh token (the credential is marked `needsLogin`).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when it cannot be renewed without the user, or was deleted meanwhile.
 * @throws StorageError (exit 6) when the lock is held past `lockTimeoutMs` or the store fails; whatever the flow throws.
 */
export async function renewLocked(s: SessionSettings, found: Stored, request: RenewRequest): Promise<Stored> {
  // `auth refresh` renews whatever others did; otherwise a waiter that wakes (the holder released
  // the lock, or a re-check is due) first looks at the store: when the holder wrote a fresh
  // credential, it is used at once, without a turn at the lock (20 waiters would take turns).
  const news = request.force && request.rejected === undefined ? undefined : () => renewedMeanwhile(s, found)
  const outcome = await lockedRenewal(s, found, request, news)
  if (!outcome.held) s.logger.debug('another process renewed the credential while this one waited for the refresh lock: using its result')
  return outcome.value
}

/** The credential another process renewed (a fresh one that is not `found`'s), else `undefined`. */
async function renewedMeanwhile(s: SessionSettings, found: Stored): Promise<Stored | undefined> {
  const now = await found.store.get(found.key).catch(() => undefined)
  if (!now || now.accessToken === found.credential.accessToken || !isFresh(now, { now: s.now, skewMs: s.skewMs })) return undefined
  return { ...found, credential: now, refreshed: true }
}

function lockedRenewal(s: SessionSettings, found: Stored, request: RenewRequest, news: (() => Promise<Stored | undefined>) | undefined): Promise<LockOutcome<Stored, Stored>> {
  const { store, key } = found
  return withFileLockUnless(
    lockPath(s, found),
    async (): Promise<Stored> => {
      const current = await store.get(key)
      if (!current) throw loginRequired(s, `the credential for ${key.host} (${key.account}) was removed meanwhile`)
      if (current.needsLogin === true) throw sessionExpired(s, key.host)
      // Another process renewed while we waited for the lock: use its result, spend nothing.
      if (isFresh(current, { now: s.now, skewMs: s.skewMs }) && (!request.force || (request.rejected !== undefined && current.accessToken !== request.rejected))) {
        return { ...found, credential: current, refreshed: current.accessToken !== found.credential.accessToken }
      }
      const flow = await flowFor(s, current, key)
      if (!flow?.refresh) {
        // Inside the skew but not expired yet (a PAT with an expiry, a product's short-lived JWT):
        // nothing can renew it, so it is used for the time it has left instead of refused early.
        if (!request.force && isFresh(current, { now: s.now, skewMs: 0 })) return { ...found, credential: current, refreshed: false }
        throw notRenewable(s, current, key.host)
      }
      s.logger.debug(`renewing the ${current.flow} credential for ${key.host} (${key.account}) under the refresh lock`)
      let renewed: Credential
      try {
        renewed = await flow.refresh(current, loginContext(s), request.scopes === undefined ? undefined : { scopes: request.scopes })
      } catch (error) {
        if (!isInvalidGrant(error)) throw error
        return adoptOrExpire(s, found, current, error)
      }
      const fresh = merge(current, renewed)
      await store.set(key, fresh)
      s.logger.debug(`renewed credential written back to the ${store.kind} store`)
      return { ...found, credential: fresh, refreshed: true }
    },
    news,
    { timeoutMs: s.lockTimeoutMs, logger: s.logger, purpose: `refreshing the same ${s.name} login`, ...(s.signal !== undefined && { signal: s.signal }) },
  )
}

/**
 * The refresh token was refused. If the store holds another one now (a process outside our lock
 * won, or a login happened), use it; else the session is over: mark it and say so.
 */
async function adoptOrExpire(s: SessionSettings, found: Stored, spent: Credential, cause: unknown): Promise<Stored> {
  const again = await found.store.get(found.key)
  if (again && again.refreshToken !== spent.refreshToken && isFresh(again, { now: s.now, skewMs: 0 })) {
    s.logger.debug('the refresh token was refused, but another process had already renewed: using its result')
    return { ...found, credential: again, refreshed: true }
  }
  await found.store.set(found.key, { ...spent, needsLogin: true })
  throw sessionExpired(s, found.key.host, cause)
}

/** Keeps what a refresh response leaves out: the refresh token (no rotation), the account, the tenant. */
function merge(stale: Credential, renewed: Credential): Credential {
  const { source: _source, needsLogin: _needsLogin, ...fresh } = renewed
  if (fresh.refreshToken === undefined && stale.refreshToken !== undefined) fresh.refreshToken = stale.refreshToken
  if (Object.keys(fresh.account ?? {}).length === 0) fresh.account = { ...stale.account }
  if (fresh.tenant === undefined && stale.tenant !== undefined) fresh.tenant = stale.tenant
  for (const token of [fresh.accessToken, fresh.refreshToken, fresh.idToken]) if (token) registerSecret(token)
  return fresh
}

function isInvalidGrant(error: unknown): boolean {
  return (OAuthError.isInstance(error) && error.error === 'invalid_grant') || (AuthError.isInstance(error) && error.code === ErrorCode.INVALID_GRANT)
}

function sessionExpired(s: SessionSettings, host: string, cause?: unknown): AuthError {
  return loginRequired(s, `session expired: the server refused the refresh token for ${host}`, ErrorCode.SESSION_EXPIRED, cause)
}

function notRenewable(s: SessionSettings, credential: Credential, host: string): AuthError {
  return loginRequired(s, `the ${credential.flow} credential for ${host} expired and cannot be renewed without the user`, ErrorCode.NOT_REFRESHABLE)
}

/** `<dir>/.locks/refresh-<key>`: one lock per credential key, beside the product's files. */
function lockPath(s: SessionSettings, found: Stored): string {
  const id = credentialKeyId(found.key)
  const readable = id
    .replace(/^https?:\/\//, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 80)
  return join(s.dir, '.locks', `refresh-${readable}-${fnv1a(id)}`)
}

/**
 * `auth.refresh({ scopes })` of a credential with a refresh token: a refresh-token grant may only
 * narrow the scopes (RFC 6749 §6), so wider ones are refused before anything is spent, in the
 * product's words (a client-credentials credential, renewed by a new grant, may ask for any).
 * @throws ConfigError `USAGE_ERROR` (exit 2) naming the scopes not granted at login.
 */
export function assertNarrowing(s: SessionSettings, credential: Credential, host: string, scopes: readonly string[] | undefined): void {
  if (scopes === undefined || credential.refreshToken === undefined || credential.scopes.length === 0) return
  const wider = scopes.filter((scope) => !credential.scopes.includes(scope))
  if (wider.length === 0) return
  throw new ConfigError(
    `a refresh can only narrow the scopes, and ${wider.join(' ')} ${wider.length === 1 ? 'was' : 'were'} not granted at login to ${host} (granted: ${credential.scopes.join(' ')})`,
    {
      code: ErrorCode.USAGE_ERROR,
      hint: `log in again with the scopes you need: ${s.loginCommandFor({ scopes: [...new Set([...credential.scopes, ...wider])] })}`,
    },
  )
}
