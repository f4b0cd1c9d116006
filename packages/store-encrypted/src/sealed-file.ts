import { AuthError, type Credential } from '@auth/core'
import { writeFileAtomic } from '@auth/core/kit'
import { parseCredentialsDocument, readPrivateFile, serializeCredentialsDocument } from '@auth/store-file'
import { parseEnvelope, serializeEnvelope, type KdfHeader } from './envelope.js'
import { corrupt } from './errors.js'
import { masterKey, newKdf, type KeySource } from './key-source.js'
import { seal, unseal } from './seal.js'

/** A sealed file, opened: its entries, and the KDF and master key to seal it again. Internal. */
export interface Sealed {
  entries: Map<string, Credential>
  kdf: KdfHeader
  master: Uint8Array
}

/** Reads, checks and decrypts the file; `undefined` when there is none. */
export async function readSealed(path: string, source: KeySource): Promise<Sealed | undefined> {
  const text = await readPrivateFile(path)
  if (text === undefined) return undefined
  const envelope = parseEnvelope(text, path)
  const master = await masterKey(source, envelope.kdf, path)
  const plaintext = unseal(envelope, master, source.label, path)
  return { entries: parseDocument(plaintext, path), kdf: envelope.kdf, master }
}

function parseDocument(plaintext: string, path: string): Map<string, Credential> {
  try {
    return parseCredentialsDocument(plaintext, path)
  } catch (error) {
    if (!AuthError.isInstance(error)) throw error
    throw corrupt(`${error.message.replace(/^@auth\/store-file: /, '')} (inside the sealed file)`, error.hint, error)
  }
}

/**
 * The KDF and master key for the next write, worked out before taking the lock (scrypt takes a
 * few hundred ms, and the lock should be held for milliseconds): the file's own, or new ones.
 */
export async function prepareKey(path: string, source: KeySource): Promise<Omit<Sealed, 'entries'>> {
  const text = await readPrivateFile(path)
  const kdf = text === undefined ? newKdf(source) : parseEnvelope(text, path).kdf
  return { kdf, master: await masterKey(source, kdf, path) }
}

/** Seals the entries and writes the file atomically, 0600. */
export async function writeSealed(path: string, entries: Map<string, Credential>, key: Omit<Sealed, 'entries'>): Promise<void> {
  const envelope = seal(serializeCredentialsDocument(entries), key.kdf, key.master)
  await writeFileAtomic(path, serializeEnvelope(envelope), { mode: 0o600 })
}
