/**
 * A login through the session: run the flow, pick the store (`auto`: the first available, said
 * out loud when it is not the first; an explicit kind fails closed), store under the account.
 * Internal.
 */
import { loginContext, type SessionSettings } from './settings.js'
import { accountName } from '../model/credential-key.js'
import type { AuthLoginOptions, AuthLoginResult } from './types.js'
import { ConfigError, StorageError } from '../errors/classes.js'
import { probeStore } from '../store/probe-store.js'
import { registerSecret } from '../redact/secrets.js'
import type { Credential, CredentialStore } from '../model/types.js'

/**
 * Runs the flow `kind` (default: the first) and stores its credential.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when no such flow is configured.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the chosen store is not available; whatever the flow throws.
 */
export async function sessionLogin(s: SessionSettings, kind: string | undefined, options: AuthLoginOptions = {}): Promise<AuthLoginResult> {
  const flow = await s.resolveFlow(kind)
  if (!flow) throw new ConfigError(`@auth/core: createAuth: no ${kind === undefined ? '' : `"${kind}" `}flow is configured`, { hint: 'pass the flow in createAuth({ flows: [...] })' })
  const { account, store: storeKind, ...contextOptions } = options
  const ctx = loginContext(s, contextOptions)
  // Pick the store before the user spends time logging in: a store that is not there fails first.
  const { store, warning } = await pickStore(s, storeKind ?? s.store)
  const obtained = await flow.login(ctx)
  if (warning !== undefined) ctx.output?.warn(warning)
  const key = { host: s.host, account: account ?? s.account ?? accountName(obtained) }
  const credential = clean(obtained, s.tenant)
  await store.set(key, credential)
  s.logger.debug(`stored the ${credential.flow} credential for ${key.host} (${key.account}) in the ${store.kind} store`)
  return { credential, key, store, ...(warning !== undefined && { warning }) }
}

function clean(obtained: Credential, tenant: string | undefined): Credential {
  const { source: _source, needsLogin: _needsLogin, ...credential } = obtained
  for (const token of [credential.accessToken, credential.refreshToken, credential.idToken]) if (token) registerSecret(token)
  if (credential.tenant === undefined && tenant !== undefined) credential.tenant = tenant
  return credential
}

/**
 * The store a login writes to. `auto`: the first store whose probe says available; when that is
 * not the first one, a warning naming why and where. A kind: that store, or a StorageError.
 */
export async function pickStore(s: SessionSettings, choice: string): Promise<{ store: CredentialStore; warning?: string }> {
  if (choice !== 'auto') {
    const store = s.stores.find((candidate) => candidate.kind === choice)
    if (!store) throw new ConfigError(`@auth/core: createAuth: no "${choice}" store is configured`, { hint: `configured stores: ${s.stores.map((c) => c.kind).join(', ')}` })
    const probe = await probeStore(store)
    if (!probe.available) throw new StorageError(`the ${choice} store is not available: ${probe.reason ?? 'no reason given'}`, { hint: 'choose another store' })
    return { store }
  }
  const reasons: string[] = []
  for (const store of s.stores) {
    const probe = await probeStore(store)
    if (probe.available) {
      if (reasons.length === 0) return { store }
      return { store, warning: `${reasons.join('; ')}: storing credentials in the ${store.kind} store${probe.location ? ` (${probe.location})` : ''}` }
    }
    reasons.push(`the ${store.kind} store is not available (${probe.reason ?? 'no reason given'})`)
  }
  throw new StorageError(`no credential store is available: ${reasons.join('; ')}`, { hint: 'check the stores passed to createAuth' })
}
