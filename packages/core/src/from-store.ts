import { clock, nonNegative } from './_assert.js'
import { checkStoreOptions } from './_store-options.js'
import { assertCredential } from './assert-credential.js'
import { credentialKeyId } from './credential-key-id.js'
import { NotFoundError } from './errors.js'
import { DEFAULT_SKEW_MS, isExpired } from './is-expired.js'
import { withSource } from './with-source.js'
import type { Credential, CredentialKey, CredentialStore, Provider } from './types.js'

/** Options of {@link fromStore}. */
export interface FromStoreOptions {
  /** The store to read. */
  store: CredentialStore
  /** The key to read. */
  key: CredentialKey
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number
  /** A credential expiring within this many ms counts as expired; default 60 000. */
  skewMs?: number
}

/**
 * A chain link reading a stored credential that is still valid (not expired within the skew).
 * The credential is validated with {@link assertCredential} and gets `source` = `store.kind`.
 *
 * @throws NotFoundError `NOT_FOUND` when the store has nothing under the key, or it has expired.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the store fails or holds garbage.
 * @example
 * ```ts
 * const credential = await fromStore({ store, key: credentialKey('example.com') })()
 * ```
 * @see {@link fromRefresh} for the next link, when the stored credential has expired.
 */
export function fromStore(options: FromStoreOptions): Provider<Credential> {
  const { store, key } = checkStoreOptions(options, 'fromStore')
  const now = clock(options.now, 'fromStore')
  const skewMs = nonNegative(options.skewMs, DEFAULT_SKEW_MS, 'fromStore', 'skewMs')
  const id = credentialKeyId(key)
  return async () => {
    const found = await store.get(key)
    if (found === undefined) throw new NotFoundError(`no credential for ${id} in the ${store.kind} store`)
    const credential = assertCredential(found, `the ${store.kind} store`)
    if (isExpired(credential, { now, skewMs })) throw new NotFoundError(`the credential for ${id} in the ${store.kind} store has expired`)
    return withSource(credential, store.kind)
  }
}

