/**
 * Where a session's credential is: the env token (`fromEnv`, the chain's env link), else the
 * first store holding one for the host (exactly the pinned account, or the best of the host's accounts).
 */
import { readEnvToken } from './chain.js'
import { probeStore } from '../store/select-store.js'
import type { SessionSettings } from './settings.js'
import type { SessionCredential } from './types.js'
import type { Credential, CredentialKey, CredentialStore } from '../model/types.js'
import { isPendingKey } from './pending-key.js'

/** A {@link SessionCredential} read from a store: its store and key are known. */
export type Stored = SessionCredential & Required<Pick<SessionCredential, 'store' | 'key'>>

/**
 * The env token as a session credential (source `env:<VAR>`), or `undefined` when it is unset,
 * blank, turned off, or belongs to another host (`envToken.host`).
 */
export async function fromEnvToken(s: SessionSettings): Promise<SessionCredential | undefined> {
  if (s.envTokenVariable === undefined || (s.envTokenHost !== undefined && s.envTokenHost !== s.host)) return undefined
  // fromEnv's check, without the NotFoundError it throws when the variable is unset (every lookup).
  const credential = readEnvToken(s.envTokenVariable, s.env as NodeJS.ProcessEnv, s.now)
  return credential === undefined ? undefined : { credential, source: credential.source ?? `env:${s.envTokenVariable}`, refreshed: false }
}

/**
 * The first store (in order) holding a credential for the host. A pinned account is one key:
 * read it directly (one store read on the hot path), else list the host's accounts and pick.
 * A store marked `probeBeforeRead` (the keychain) is passed over when its probe says it is not
 * available here; any failure of a store that is read reaches the caller.
 */
export async function findStored(s: SessionSettings, account = s.account): Promise<Stored | undefined> {
  for (const store of s.stores) {
    const found = await readable(s, store, () => inStore(s, store, account))
    if (found) return found
  }
  return undefined
}

/** `read()` of `store`, or `undefined` for a store marked `probeBeforeRead` whose probe says it is not available here. */
export async function readable<T>(s: SessionSettings, store: CredentialStore, read: () => Promise<T>): Promise<T | undefined> {
  if (store.probeBeforeRead === true) {
    const probe = await probeStore(store, 3000)
    if (!probe.available) {
      s.logger.debug(`the ${store.kind} store was not searched: ${probe.reason ?? 'not available'}`)
      return undefined
    }
  }
  return read()
}

async function inStore(s: SessionSettings, store: CredentialStore, account: string | undefined): Promise<Stored | undefined> {
  const found: Stored[] = []
  const add = (key: CredentialKey, credential: Credential | undefined) => {
    if (credential) found.push({ credential, source: store.kind, store, key, refreshed: false })
  }
  const ofHost = (key: CredentialKey) => key.host === s.host && !isPendingKey(key)
  if (account !== undefined) {
    const key = { host: s.host, account }
    add(key, await store.get(key))
  } else if (store.entries) {
    // One read for the host's accounts and their credentials, not `list` + a `get` per key.
    for (const { key, credential } of await store.entries()) if (ofHost(key)) add(key, credential)
  } else {
    for (const key of (await store.list()).filter(ofHost)) add(key, await store.get(key))
  }
  return found.length === 0 ? undefined : found.reduce((a, b) => (better(s, b, a) ? b : a))
}

/** Among several accounts on a host: the profile's flow, then its client, then the newest. */
function better(s: SessionSettings, a: Stored, b: Stored): boolean {
  const score = ({ credential }: Stored) =>
    (s.prefer.flow !== undefined && credential.flow === s.prefer.flow ? 2 : 0) + (s.prefer.clientId !== undefined && credential.clientId === s.prefer.clientId ? 1 : 0)
  return score(a) > score(b) || (score(a) === score(b) && a.credential.obtainedAt > b.credential.obtainedAt)
}
