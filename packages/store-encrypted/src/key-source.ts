import { randomBytes } from 'node:crypto'
import { AuthError, registerSecret } from '@auth/core'
import { optionChecker, withFileLock, type OptionChecker } from '@auth/core/kit'
import { PKG, storageError } from './errors.js'
import type { KdfHeader } from './envelope.js'
import { SALT_BYTES } from './envelope.js'
import { SCRYPT_DEFAULTS, deriveScrypt } from './scrypt.js'
import type { EncryptionKey } from './types.js'

/** An {@link EncryptionKey}, checked: a copy of a raw key, a provider called at most once until it succeeds. Internal. */
export type KeySource =
  | { kind: 'passphrase'; label: string; passphrase: string }
  | { kind: 'raw'; label: string; key: Uint8Array }
  | { kind: 'provider'; label: string; get: () => Promise<Uint8Array> }

export const DEFAULT_LABEL = 'the encryption key'

/**
 * Checks an EncryptionKey argument. A provider marked `getOrCreate` is called under a file lock
 * at `<lockPath>` (the store file's path; the lock is `<file>.data-key.lock`), so that processes
 * racing to create the data key cannot each store their own.
 * @throws ConfigError naming `where` and `name`, never the value.
 */
export function toKeySource(key: unknown, where: string, name: string, lockPath?: string, lockTimeoutMs = 5_000): KeySource {
  const check: OptionChecker = optionChecker(PKG, where)
  const k = (typeof key === 'object' && key !== null ? key : check.fail(name, 'must be { passphrase }, { rawKey } or { provider }')) as Record<string, unknown>
  const present = ['passphrase', 'rawKey', 'provider'].filter((field) => k[field] !== undefined)
  if (present.length !== 1) check.fail(name, 'must have exactly one of passphrase, rawKey, provider')
  const label = k['label'] ?? (k['provider'] === undefined ? DEFAULT_LABEL : 'the keychain')
  if (typeof label !== 'string' || label.trim() === '') check.fail(`${name}.label`, 'must be a non-empty string')
  if (k['passphrase'] !== undefined) {
    const passphrase = k['passphrase']
    if (typeof passphrase !== 'string' || [...passphrase.trim()].length < 8) check.fail(`${name}.passphrase`, 'must be a string of at least 8 characters')
    registerSecret(passphrase) // masked in every later log line and error
    return { kind: 'passphrase', label, passphrase }
  }
  if (k['rawKey'] !== undefined) {
    if (!(k['rawKey'] instanceof Uint8Array) || k['rawKey'].length !== 32) check.fail(`${name}.rawKey`, 'must be a Uint8Array of 32 bytes')
    return { kind: 'raw', label, key: new Uint8Array(k['rawKey']) }
  }
  if (typeof k['provider'] !== 'function') check.fail(`${name}.provider`, 'must be a function resolving 32 bytes')
  if (k['getOrCreate'] !== undefined && typeof k['getOrCreate'] !== 'boolean') check.fail(`${name}.getOrCreate`, 'must be a boolean')
  const provider = k['provider'] as () => Promise<Uint8Array>
  const locked = k['getOrCreate'] === true && lockPath !== undefined ? () => withFileLock(`${lockPath}.data-key`, provider, { timeoutMs: lockTimeoutMs, purpose: 'creating the data key' }) : provider
  return { kind: 'provider', label, get: once(locked) }
}

function once(provider: () => Promise<Uint8Array>): () => Promise<Uint8Array> {
  let pending: Promise<Uint8Array> | undefined
  return () => {
    pending ??= Promise.resolve()
      .then(provider)
      .catch((error: unknown) => {
        pending = undefined
        throw error
      })
    return pending
  }
}

/** The KDF header of a new file sealed with `source`: scrypt with a fresh salt for a passphrase. */
export function newKdf(source: KeySource): KdfHeader {
  if (source.kind !== 'passphrase') return { name: 'none' }
  return { name: 'scrypt', ...SCRYPT_DEFAULTS, salt: new Uint8Array(randomBytes(SALT_BYTES)) }
}

/**
 * The 32-byte master key for a file whose header says `kdf`.
 * @throws StorageError when the key is of the wrong kind for the file, or the provider fails.
 */
export async function masterKey(source: KeySource, kdf: KdfHeader, path: string): Promise<Uint8Array> {
  if ((kdf.name === 'scrypt') !== (source.kind === 'passphrase')) throw wrongKind(source, kdf, path)
  if (source.kind === 'passphrase' && kdf.name === 'scrypt') return deriveScrypt(source.passphrase, kdf.salt, kdf)
  if (source.kind === 'raw') return source.key
  if (source.kind !== 'provider') throw wrongKind(source, kdf, path)
  let key: unknown
  try {
    key = await source.get()
  } catch (error) {
    if (AuthError.isInstance(error)) throw error
    throw storageError(`cannot get the encryption key from ${source.label}`, undefined, error)
  }
  if (!(key instanceof Uint8Array) || key.length !== 32) throw storageError(`the encryption key from ${source.label} is not 32 bytes`)
  return key
}

function wrongKind(source: KeySource, kdf: KdfHeader, path: string): Error {
  const sealed = kdf.name === 'scrypt' ? 'a passphrase' : 'a 32-byte key'
  const given = source.kind === 'passphrase' ? 'a passphrase' : 'a 32-byte key'
  return storageError(`wrong kind of encryption key for ${path}: it was sealed with ${sealed}, and ${source.label} gives ${given}`, `set ${source.label} to the key the file was written with`)
}

/** A note for `store status`: where the key comes from and of which kind. */
export function describeKey(source: KeySource): string {
  const kind = source.kind === 'passphrase' ? 'passphrase, scrypt' : source.kind === 'raw' ? '32-byte key' : 'data key'
  return `key from ${source.label} (${kind})`
}
