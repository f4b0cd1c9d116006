import { credentialKey, type Credential, type CredentialKey, type CredentialStore } from '@auth/core'
import type { RegisteredClient } from '../types.js'

/** The account a registered client is stored under, beside the credentials: `{ host: <issuer>/.oauth-client, account: 'oauth-client' }`. */
export const CLIENT_ACCOUNT = 'oauth-client'
/** The path added to the issuer in a registered client's key: no login is ever stored under that host. */
const CLIENT_PATH = '/.oauth-client'
/** The `flow` of a stored registered client: listings skip these entries. */
export const CLIENT_FLOW = 'oauth-client'

/**
 * The key a registered client of `issuer` is stored under: `<issuer>/.oauth-client`, not the
 * issuer itself, which is also the host of the product's own logins there (a session of that
 * host that pins no account would take the client secret for its token).
 */
export function registeredClientKey(issuer: string): CredentialKey {
  return credentialKey(`${issuer.replace(/\/+$/, '')}${CLIENT_PATH}`, CLIENT_ACCOUNT)
}

/** Whether a stored entry is a registered client rather than a login. */
export function isRegisteredClientKey(key: CredentialKey, credential?: Credential): boolean {
  return key.account === CLIENT_ACCOUNT && (credential === undefined || credential.flow === CLIENT_FLOW)
}

/**
 * Whether a stored entry is a resource login made by `@auth/mcp` (for listings such as
 * `auth status`): its account is the issuer the credential records (an http(s) URL), and it is
 * not a registered client.
 * @throws Never.
 * @example
 * ```ts
 * for (const key of await store.list()) if (isResourceCredential(key, await store.get(key))) show(key.host)
 * ```
 */
export function isResourceCredential(key: CredentialKey, credential: Credential | undefined): boolean {
  if (credential === undefined || key.account === CLIENT_ACCOUNT || credential.flow === CLIENT_FLOW) return false
  const issuer = typeof credential.issuer === 'string' ? credential.issuer.replace(/\/+$/, '') : undefined
  return issuer !== undefined && /^https?:\/\//.test(issuer) && key.account.replace(/\/+$/, '') === issuer
}

/**
 * The client registered at `issuer` that the stores keep (the first store that has one), if
 * it is still valid. A store that cannot be read counts as "none" (a new registration is cheap).
 * @throws Never.
 */
export async function loadRegisteredClient(stores: readonly CredentialStore[], issuer: string, now: () => number = Date.now): Promise<RegisteredClient | undefined> {
  const key = registeredClientKey(issuer)
  for (const store of stores) {
    const stored = await store.get(key).catch(() => undefined)
    if (stored === undefined || stored.flow !== CLIENT_FLOW || typeof stored.clientId !== 'string' || stored.clientId === '') continue
    if (stored.issuer !== undefined && stored.issuer.replace(/\/+$/, '') !== issuer.replace(/\/+$/, '')) continue
    if (stored.expiresAt !== undefined && stored.expiresAt <= now()) continue
    const method = stored.tokenType === 'client_secret_basic' || stored.tokenType === 'client_secret_post' ? stored.tokenType : 'none'
    return Object.freeze({
      issuer,
      clientId: stored.clientId,
      ...(method !== 'none' && { clientSecret: stored.accessToken }),
      tokenEndpointAuthMethod: method,
      source: 'dynamic',
    })
  }
  return undefined
}

/**
 * Keeps a dynamically registered client in `store` (the client secret as the entry's secret
 * field, so the keychain or the encrypted file protects it like a token), keyed by its issuer.
 * `expiresAt`: the server's `client_secret_expires_at` (ms), when it set one.
 * @throws StorageError from the store.
 */
export async function saveRegisteredClient(store: CredentialStore, client: RegisteredClient, options: { now: number; expiresAt?: number | undefined }): Promise<void> {
  const entry: Credential = {
    accessToken: client.clientSecret ?? 'none',
    tokenType: client.tokenEndpointAuthMethod,
    scopes: [],
    account: {},
    flow: CLIENT_FLOW,
    issuer: client.issuer,
    clientId: client.clientId,
    obtainedAt: options.now,
    ...(options.expiresAt !== undefined && { expiresAt: options.expiresAt }),
  }
  await store.set(registeredClientKey(client.issuer), entry)
}

/**
 * Forgets the client registered at `issuer` in every store (a changed server, `logout --forget-client`).
 * @returns Whether any store held one.
 */
export async function forgetRegisteredClient(stores: readonly CredentialStore[], issuer: string): Promise<boolean> {
  const key = registeredClientKey(issuer)
  const results = await Promise.all(stores.map((store) => store.delete(key).catch(() => false)))
  return results.some(Boolean)
}
