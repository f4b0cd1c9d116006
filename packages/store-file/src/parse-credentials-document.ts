import { AuthError, assertCredential, credentialKeyId, parseCredentialKeyId, type Credential } from '@auth/core'
import { storageError } from '@auth/core/kit'
import { PKG } from './options.js'
import { withoutSource } from '@auth/core/kit'

/** The format version this package reads and writes. */
export const CREDENTIALS_VERSION = 1

const START_OVER = 'log in again to start over (the file is moved aside first), or restore it from a backup'

/**
 * Parses and validates the credentials document `{ "version": 1, "credentials": { "<key id>":
 * {...} } }`: the version, every key id (see `credentialKeyId`) and every entry (with
 * `assertCredential`). Returns the entries by canonical key id, without `source`.
 *
 * @param text - The file's content.
 * @param source - The file's path, for messages.
 * @throws StorageError `STORAGE_ERROR` (exit 6), naming the file, when the text is not JSON,
 * has an unknown version, or holds an invalid key or credential. Never echoes the content.
 * @example
 * ```ts
 * const entries = parseCredentialsDocument(await readFile(path, 'utf8'), path)
 * entries.get(credentialKeyId(credentialKey('example.com'))) // Credential | undefined
 * ```
 * @see {@link serializeCredentialsDocument} for the reverse.
 */
export function parseCredentialsDocument(text: string, source: string): Map<string, Credential> {
  const doc = parseJson(text, source)
  if (doc['version'] !== CREDENTIALS_VERSION) {
    throw storageError(PKG, `${source} has an unknown format version (${describeVersion(doc['version'])}; this version reads ${CREDENTIALS_VERSION})`, `upgrade, or ${START_OVER}`)
  }
  const credentials = doc['credentials']
  if (!isPlainObject(credentials)) throw storageError(PKG, `${source} is corrupt: "credentials" must be an object`, START_OVER)
  const entries = new Map<string, Credential>()
  for (const [id, value] of Object.entries(credentials)) {
    const canonical = canonicalId(id, source)
    if (entries.has(canonical)) throw storageError(PKG, `${source} is corrupt: two entries for ${canonical}`, START_OVER)
    entries.set(canonical, withoutSource(checkEntry(value, canonical, source)))
  }
  return entries
}

function parseJson(text: string, source: string): Record<string, unknown> {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw storageError(PKG, `${source} is corrupt: not valid JSON`, START_OVER)
  }
  if (!isPlainObject(doc)) throw storageError(PKG, `${source} is corrupt: not a JSON object`, START_OVER)
  return doc
}

function canonicalId(id: string, source: string): string {
  try {
    return credentialKeyId(parseCredentialKeyId(id))
  } catch (error) {
    throw storageError(PKG, `${source} is corrupt: an entry has an invalid key`, START_OVER, error)
  }
}

function checkEntry(value: unknown, id: string, source: string): Credential {
  try {
    return assertCredential(value, `entry ${id}`)
  } catch (error) {
    if (!AuthError.isInstance(error)) throw error
    throw storageError(PKG, `${source} is corrupt: ${error.message}`, START_OVER, error)
  }
}

function describeVersion(version: unknown): string {
  if (version === undefined) return 'none'
  if (version === null) return 'null'
  if (typeof version === 'number' && Number.isFinite(version)) return String(version)
  return Array.isArray(version) ? 'an array' : typeof version === 'object' ? 'an object' : `a ${typeof version}`
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
