/**
 * Where a session's credential is: the env token (`fromEnv`, also a public chain link), else the
 * first store holding one for the host (exactly the pinned account, or the best of the host's accounts).
 */
import { ConfigError, NotFoundError, StorageError } from '../errors/classes.js'
import { assertNonEmptyString, assertRecord, clock } from '../kit/assert.js'
import { registerSecret } from '../redact/secrets.js'
import { probeStore } from '../store/select-store.js'
import type { SessionSettings } from './settings.js'
import type { SessionCredential } from './types.js'
import type { Credential, CredentialKey, CredentialStore, Provider } from '../model/types.js'

/** A {@link SessionCredential} read from a store: its store and key are known. */
export type Stored = SessionCredential & Required<Pick<SessionCredential, 'store' | 'key'>>

/**
 * The env token as a session credential (source `env:<VAR>`), or `undefined` when it is unset,
 * blank, turned off, or belongs to another host (`envToken.host`).
 */
export async function fromEnvToken(s: SessionSettings): Promise<SessionCredential | undefined> {
  if (s.envTokenVariable === undefined || (s.envTokenHost !== undefined && s.envTokenHost !== s.host)) return undefined
  try {
    const credential = await fromEnv({ variable: s.envTokenVariable, env: s.env as NodeJS.ProcessEnv, host: s.host, now: s.now })()
    return { credential, source: credential.source ?? `env:${s.envTokenVariable}`, refreshed: false }
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
export async function findStored(s: SessionSettings, account = s.account): Promise<Stored | undefined> {
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

async function inStore(s: SessionSettings, store: CredentialStore, account: string | undefined): Promise<Stored | undefined> {
  const keys = account === undefined ? (await store.list()).filter((key) => key.host === s.host) : [{ host: s.host, account }]
  const found: Stored[] = []
  for (const key of keys) {
    const credential = await store.get(key)
    if (credential) found.push({ credential, source: store.kind, store, key, refreshed: false })
  }
  return found.length === 0 ? undefined : found.reduce((a, b) => (better(s, b, a) ? b : a))
}

/** Among several accounts on a host: the profile's flow, then its client, then the newest. */
function better(s: SessionSettings, a: Stored, b: Stored): boolean {
  const score = ({ credential }: Stored) =>
    (s.prefer.flow !== undefined && credential.flow === s.prefer.flow ? 2 : 0) + (s.prefer.clientId !== undefined && credential.clientId === s.prefer.clientId ? 1 : 0)
  return score(a) > score(b) || (score(a) === score(b) && a.credential.obtainedAt > b.credential.obtainedAt)
}

/** Options of {@link fromEnv}. */
export interface FromEnvOptions {
  /** The variable holding the token, e.g. `MYCLI_TOKEN`. */
  variable: string
  /** The environment; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /** The host the token is for, named in the "not set" message. */
  host?: string
  /** The clock, epoch ms, for `obtainedAt`; default `Date.now`. */
  now?: () => number
}

/**
 * A chain link reading a token from an environment variable (`GH_TOKEN` style). It wins over
 * every store; nothing is read from or written to one. The value is trimmed and registered
 * with {@link registerSecret}; the credential has flow `pat`, no expiry and source
 * `env:<VARIABLE>`.
 *
 * @throws NotFoundError `NOT_FOUND` when the variable is unset or blank (the chain moves on).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the value is not a single token (spaces,
 * several lines, control or non-ASCII characters); the message names the variable, never the value.
 * @example
 * ```ts
 * const credential = await fromEnv({ variable: 'MYCLI_TOKEN' })()
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 (token characters)
 */
export function fromEnv(options: FromEnvOptions): Provider<Credential> {
  assertRecord(options, 'fromEnv', 'options')
  const { variable, host } = options
  assertNonEmptyString(variable, 'fromEnv', 'variable')
  const now = clock(options.now, 'fromEnv')
  return async () => {
    const raw = (options.env ?? process.env)[variable]
    const token = typeof raw === 'string' ? raw.trim() : ''
    if (token === '') throw new NotFoundError(`${variable} is not set${host ? ` (for ${host})` : ''}`)
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new ConfigError(`${variable} does not hold a single token: it contains spaces, line breaks or non-ASCII characters`, {
        hint: `set ${variable} to the token alone, without "Bearer " or quotes`,
      })
    }
    registerSecret(token)
    return { accessToken: token, tokenType: 'Bearer', scopes: [], account: {}, flow: 'pat', obtainedAt: now(), source: `env:${variable}` }
  }
}
