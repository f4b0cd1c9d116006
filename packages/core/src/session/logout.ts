/**
 * Logout: revoke once at the server (a failure is a warning), then delete from every store that
 * holds the credential; with `all`, every credential and the moved-aside corrupt files that
 * still hold tokens. Internal.
 */
import { fromEnvToken } from './lookup.js'
import { listAll } from './status.js'
import { removePending } from './remove-pending.js'
import { flowFor, loginContext, loginRequired, type SessionSettings } from './settings.js'
import { AuthError } from '../errors/auth-error.js'
import type { AuthLogoutOptions, AuthLogoutResult, LoggedOut } from './types.js'
import { credentialKeyId } from '../model/credential-key.js'
import { ErrorCode } from '../errors/codes.js'
import type { Credential, CredentialKey, CredentialStore } from '../model/types.js'

/**
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when nothing is stored to log out of.
 * @throws StorageError (exit 6) when a store holding it cannot be changed.
 */
export async function sessionLogout(s: SessionSettings, options: AuthLogoutOptions = {}): Promise<AuthLogoutResult> {
  const env = await fromEnvToken(s)
  if (env) s.context.output?.warn(`${env.source.replace(/^env:/, '')} is set: it is not stored anywhere, so logging out does not remove it; unset it too`)
  const { listed, unavailable } = await listAll(s)
  const movedAside: string[] = []
  for (const { store, reason } of unavailable) {
    if (reason === 'not available here') continue
    // A corrupt file is moved aside, as a login does: it no longer blocks, and `logout --all` deletes it.
    const moved = await s.stores.find((candidate) => candidate.kind === store)?.moveAsideCorrupt?.()
    if (moved !== undefined) {
      movedAside.push(moved)
      s.context.output?.warn(`the ${store} store could not be read (${reason}); its file was moved aside to ${moved}`)
    } else s.context.output?.warn(`the ${store} store could not be read, so it was not cleaned: ${reason}`)
  }
  const keys = new Map<string, CredentialKey>()
  for (const { keys: held } of listed) {
    for (const key of held) if (options.all === true || (key.host === s.host && (s.account === undefined || key.account === s.account))) keys.set(credentialKeyId(key), key)
  }
  const loggedOut: LoggedOut[] = []
  for (const key of keys.values()) {
    const done = await forget(s, listed, key, options.revoke !== false)
    if (done) loggedOut.push(done)
  }
  // A login begun for the host (every host with `all`) and not finished goes too: its device code is a secret.
  await removePending(s, (key) => options.all === true || key.host === s.host)
  const removedFiles = options.all === true ? await removeMovedAside(s) : []
  if (loggedOut.length === 0 && removedFiles.length === 0 && movedAside.length === 0) throw loginRequired(s, options.all === true ? 'not logged in to any host' : `not logged in to ${s.host}`)
  return { loggedOut, removedFiles, ...(movedAside.length > 0 && { movedAside }) }
}

async function forget(s: SessionSettings, listed: { store: CredentialStore; keys: CredentialKey[] }[], key: CredentialKey, revoke: boolean): Promise<LoggedOut | undefined> {
  const id = credentialKeyId(key)
  const holders: CredentialStore[] = []
  let credential: Credential | undefined
  for (const { store, keys } of listed) {
    if (!keys.some((k) => credentialKeyId(k) === id)) continue
    const held = await store.get(key)
    if (!held) continue
    holders.push(store)
    credential ??= held
  }
  if (!credential) return undefined
  const outcome = revoke ? await revokeAtServer(s, key, credential) : { revoked: false }
  for (const store of holders) await store.delete(key)
  return { host: key.host, account: key.account, stores: holders.map((h) => h.kind), ...outcome }
}

async function revokeAtServer(s: SessionSettings, key: CredentialKey, credential: Credential): Promise<{ revoked: boolean; revokeError?: string }> {
  try {
    const flow = await flowFor(s, credential, key)
    if (!flow?.revoke) return { revoked: false }
    await flow.revoke(credential, loginContext(s))
    return { revoked: true }
  } catch (error) {
    if (!AuthError.isInstance(error) || error.code === ErrorCode.CANCELLED) throw error
    s.context.output?.warn(`could not revoke the token of ${key.account} at ${key.host} (${error.message}); it is deleted here, and stays valid at the server until it expires`)
    return { revoked: false, revokeError: error.message }
  }
}

/** Stores that move corrupt files aside offer `removeMovedAside()`; those files can hold tokens. */
async function removeMovedAside(s: SessionSettings): Promise<string[]> {
  const removed: string[] = []
  for (const store of s.stores) {
    if (store.removeMovedAside) removed.push(...(await store.removeMovedAside()))
  }
  return removed
}
