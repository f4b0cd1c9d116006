/**
 * Where a session's credential is: the env token, else the first store holding one for the
 * host (exactly the pinned account, or the best of the host's accounts). Internal.
 */
import { NotFoundError, StorageError } from '../errors/classes.js'
import { fromEnv } from './from-env.js'
import { probeStore } from '../store/probe-store.js'
import type { SessionSettings } from './settings.js'
import type { Credential, CredentialKey, CredentialStore } from '../model/types.js'

/** A stored credential and where it is. */
export interface Found {
  store: CredentialStore
  key: CredentialKey
  credential: Credential
}

/** The env token's credential (source `env:<VAR>`), or `undefined` when unset or blank. */
export async function envCredential(s: SessionSettings): Promise<Credential | undefined> {
  if (s.envTokenVariable === undefined) return undefined
  try {
    return await fromEnv({ variable: s.envTokenVariable, env: s.env as NodeJS.ProcessEnv, host: s.host, now: s.now })()
  } catch (error) {
    if (NotFoundError.isInstance(error)) return undefined
    throw error
  }
}

/**
 * The first store (in order) holding a credential for the host. A pinned account is one key:
 * read it directly (one store read on the hot path), else list the host's accounts and pick.
 * A store marked `probeBeforeRead` (the keychain) is passed over when its probe says it is not
 * available here; any failure of a store that is read reaches the caller.
 */
export async function findStored(s: SessionSettings, account = s.account): Promise<Found | undefined> {
  for (const store of s.stores) {
    const found = await readable(s, store, () => inStore(s, store, account))
    if (found) return found
  }
  return undefined
}

/** Every store that answers, with the keys it holds (for logout --all and status). */
export async function listAll(s: SessionSettings): Promise<{ listed: { store: CredentialStore; keys: CredentialKey[] }[]; unavailable: { store: string; reason: string }[] }> {
  const listed: { store: CredentialStore; keys: CredentialKey[] }[] = []
  const unavailable: { store: string; reason: string }[] = []
  for (const store of s.stores) {
    try {
      const keys = await readable(s, store, () => store.list())
      if (keys) listed.push({ store, keys })
      else unavailable.push({ store: store.kind, reason: 'not available here' })
    } catch (error) {
      if (!StorageError.isInstance(error)) throw error
      unavailable.push({ store: store.kind, reason: error.message })
    }
  }
  return { listed, unavailable }
}

async function readable<T>(s: SessionSettings, store: CredentialStore, read: () => Promise<T>): Promise<T | undefined> {
  if (store.probeBeforeRead === true) {
    const probe = await probeStore(store, 3000)
    if (!probe.available) {
      s.logger.debug(`the ${store.kind} store was not searched: ${probe.reason ?? 'not available'}`)
      return undefined
    }
  }
  return read()
}

async function inStore(s: SessionSettings, store: CredentialStore, account: string | undefined): Promise<Found | undefined> {
  const keys = account === undefined ? (await store.list()).filter((key) => key.host === s.host) : [{ host: s.host, account }]
  const found: Found[] = []
  for (const key of keys) {
    const credential = await store.get(key)
    if (credential) found.push({ store, key, credential })
  }
  return found.length === 0 ? undefined : found.reduce((a, b) => (better(s, b, a) ? b : a))
}

/** Among several accounts on a host: the profile's flow, then its client, then the newest. */
function better(s: SessionSettings, a: Found, b: Found): boolean {
  const score = ({ credential }: Found) =>
    (s.prefer.flow !== undefined && credential.flow === s.prefer.flow ? 2 : 0) + (s.prefer.clientId !== undefined && credential.clientId === s.prefer.clientId ? 1 : 0)
  return score(a) > score(b) || (score(a) === score(b) && a.credential.obtainedAt > b.credential.obtainedAt)
}
