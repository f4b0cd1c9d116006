import type { Credential } from './types.js'

/**
 * A copy of the credential recording where it came from (`env:AUTHCLI_TOKEN`, `keychain`,
 * `file`, ...), as `status` shows it. The input is not modified.
 *
 * @example
 * ```ts
 * return withSource(await store.get(key), store.kind)
 * ```
 * @throws Never.
 * @see {@link Credential.source}
 */
export function withSource(credential: Credential, source: string): Credential {
  return { ...credential, source }
}
