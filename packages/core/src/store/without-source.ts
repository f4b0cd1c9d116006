import type { Credential } from '../model/types.js'

/**
 * A copy without `source` (and without the runtime-only fields a store must not persist): every
 * store calls it before writing a credential, since `source` says where it was *read* from.
 * @example `await writeEntry(key, withoutSource(assertCredential(value, 'the file store')))`
 */
export function withoutSource(credential: Credential): Credential {
  const copy = { ...credential }
  delete copy.source
  return copy
}
