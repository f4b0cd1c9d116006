import { assertRecord, invalid } from '../kit/assert.js'
import type { CredentialKey, CredentialStore } from '../model/types.js'

/** Checks the `store` and `key` options shared by the store-backed links. Internal. */
export function checkStoreOptions(options: unknown, where: string): { store: CredentialStore; key: CredentialKey } {
  assertRecord(options, where, 'options')
  const store = options['store'] as CredentialStore
  const ok = typeof store === 'object' && store !== null && typeof store.get === 'function' && typeof store.set === 'function'
  if (!ok) invalid(where, '"store" must be a CredentialStore (with get and set)')
  assertRecord(options['key'], where, 'key')
  return { store, key: options['key'] as unknown as CredentialKey }
}
