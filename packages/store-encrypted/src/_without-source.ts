import type { Credential } from '@auth/core'

/** A copy without `source`: stores do not persist where a credential was read from. Internal. */
export function withoutSource(credential: Credential): Credential {
  const copy = { ...credential }
  delete copy.source
  return copy
}
