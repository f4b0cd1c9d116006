/**
 * What is stored for the session's host, offline: account, flow, store, expiry, scopes, whether
 * it is usable or renewable, and a warning when it is about to stop working. Internal.
 */
import { fromEnvToken, readable } from './lookup.js'
import { isPendingKey } from './pending-key.js'
import { StorageError } from '../errors/classes.js'
import type { SessionSettings } from './settings.js'
import type { AuthStatus, CredentialStatus } from './types.js'
import { isRefreshable, isUsable } from '../model/freshness.js'
import { probeStore } from '../store/select-store.js'
import type { Credential, CredentialKey, CredentialStore } from '../model/types.js'

/** A token without a refresh token that expires within this long gets a warning, ms. */
export const EXPIRY_WARNING_MS = 30_000

/** @throws StorageError only for a store that fails while it says it is available. */
export async function sessionStatus(s: SessionSettings): Promise<AuthStatus> {
  const env = await fromEnvToken(s)
  const { listed, unavailable } = await listAll(s)
  const credentials: CredentialStatus[] = []
  for (const { store, keys } of listed) {
    const mine = keys.filter((key) => key.host === s.host && (s.account === undefined || key.account === s.account))
    if (mine.length === 0) continue
    const location = (await probeStore(store)).location
    for (const key of mine) {
      const credential = await store.get(key)
      if (credential) credentials.push(describe(s, store, key, credential, location))
    }
  }
  return { host: s.host, ...(env && { envToken: env.source.replace(/^env:/, '') }), credentials, unavailable }
}

function describe(s: SessionSettings, store: CredentialStore, key: CredentialKey, credential: Credential, location: string | undefined): CredentialStatus {
  const refreshable = isRefreshable(credential)
  const needsLogin = credential.needsLogin === true
  const status: CredentialStatus = {
    host: key.host,
    account: key.account,
    flow: credential.flow,
    store: store.kind,
    ...(location !== undefined && { location }),
    ...(credential.expiresAt !== undefined && { expiresAt: credential.expiresAt }),
    scopes: [...credential.scopes],
    ...(credential.tenant !== undefined && { tenant: credential.tenant }),
    valid: isUsable(credential, { now: s.now }),
    refreshable,
    needsLogin,
  }
  const warning = expiryWarning(s, credential, key, refreshable)
  return warning === undefined ? status : { ...status, warning }
}

function expiryWarning(s: SessionSettings, credential: Credential, key: CredentialKey, refreshable: boolean): string | undefined {
  if (credential.needsLogin === true) return `the session for ${key.host} (${key.account}) expired at the server; run \`${s.loginCommand}\``
  if (refreshable || credential.expiresAt === undefined) return undefined
  const left = credential.expiresAt - s.now()
  if (left > EXPIRY_WARNING_MS) return undefined
  return left <= 0
    ? `the token for ${key.host} (${key.account}) has expired and cannot be renewed; run \`${s.loginCommand}\``
    : `the token for ${key.host} (${key.account}) expires in ${Math.ceil(left / 1000)} s and cannot be renewed; run \`${s.loginCommand}\``
}

/** Every store that answers, with the keys it holds (for logout --all and status). */
export async function listAll(s: SessionSettings): Promise<{ listed: { store: CredentialStore; keys: CredentialKey[] }[]; unavailable: { store: string; reason: string }[] }> {
  const listed: { store: CredentialStore; keys: CredentialKey[] }[] = []
  const unavailable: { store: string; reason: string }[] = []
  for (const store of s.stores) {
    try {
      const keys = await readable(s, store, () => store.list())
      if (keys) listed.push({ store, keys: keys.filter((key) => !isPendingKey(key)) })
      else unavailable.push({ store: store.kind, reason: 'not available here' })
    } catch (error) {
      if (!StorageError.isInstance(error)) throw error
      unavailable.push({ store: store.kind, reason: error.message })
    }
  }
  return { listed, unavailable }
}
