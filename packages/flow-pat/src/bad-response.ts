import type { NetworkError } from '@auth/core'
import { badResponse as coreBadResponse } from '@auth/core/kit'

/** What to check when a profile endpoint answers garbage. */
export const PROFILE_HINT = 'check the "profileUrl" option: it must answer GET with the JSON profile of the token owner'

/** The server answered something a profile endpoint does not: core's `badResponse` (exit 5, `BAD_RESPONSE`) with this package's hint. Internal. */
export function badResponse(where: string, what: string): NetworkError {
  return coreBadResponse(what, { where, hint: PROFILE_HINT })
}
