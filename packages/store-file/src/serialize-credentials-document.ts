import { credentialKeyId, parseCredentialKeyId, type Credential } from '@auth/core'
import { PKG } from './options.js'
import { optionChecker, withoutSource } from '@auth/core/kit'
import { CREDENTIALS_VERSION } from './parse-credentials-document.js'

/**
 * Serialises entries (by key id) as the credentials document `{ "version": 1, "credentials":
 * {...} }`: pretty-printed, keys sorted, `source` dropped, a final newline.
 *
 * @param entries - Credentials by `credentialKeyId`.
 * @throws ConfigError `CONFIG_ERROR` when a key is not a credential key id.
 * @example
 * ```ts
 * await writeFileAtomic(path, serializeCredentialsDocument(entries))
 * ```
 * @see {@link parseCredentialsDocument} for the reverse.
 */
export function serializeCredentialsDocument(entries: ReadonlyMap<string, Credential>): string {
  if (!(entries instanceof Map)) optionChecker(PKG, 'serializeCredentialsDocument').fail('entries', 'must be a Map')
  const credentials: Record<string, Credential> = {}
  for (const id of [...entries.keys()].sort()) {
    const canonical = credentialKeyId(parseCredentialKeyId(id))
    Object.defineProperty(credentials, canonical, {
      value: withoutSource(entries.get(id) as Credential),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return `${JSON.stringify({ version: CREDENTIALS_VERSION, credentials }, null, 2)}\n`
}
