import { withFileLock } from '@auth/core/kit'
import { entriesStore, moveFileAside, removeMovedAside, type CredentialEntries } from '@auth/store-file'
import { resolveOptions, type Settings } from './options.js'
import { isCorrupt } from './errors.js'
import { masterKey, newKdf, toKeySource } from './key-source.js'
import { probeSealed } from './probe.js'
import { prepareKey, readSealed, writeSealed } from './sealed-file.js'
import type { EncryptedStore, EncryptedStoreOptions, EncryptionKey } from './types.js'

/**
 * A credential store in one sealed file, `<dir>/credentials.enc` (kind `encrypted`): the file
 * store's format and guarantees (0600 in a 0700 folder, atomic writes, a cross-process lock,
 * never overwritten silently), with the payload sealed by AES-256-GCM under a fresh random
 * 96-bit nonce per write and the header (version, KDF parameters and salt, key check value,
 * nonce) authenticated as associated data. The key is a passphrase (scrypt, N=2^17, r=8, p=1,
 * derived once per process per salt), a raw 32-byte key, or a data key from a provider (the
 * keychain). A key check value in the header tells a wrong key from a tampered file.
 *
 * @throws ConfigError `CONFIG_ERROR` on bad options (at once), or a bad key (from the methods).
 * @throws StorageError `STORAGE_ERROR` (exit 6), from the methods: "wrong encryption key
 * (MYCLI_ENCRYPTION_KEY?)", "tampered with or is corrupt", an unknown version, a busy lock,
 * a file others can read; the file is left untouched.
 * @example
 * ```ts
 * const store = createEncryptedStore({ dir, key: parseEncryptionKey(process.env.MYCLI_ENCRYPTION_KEY ?? '', 'MYCLI_ENCRYPTION_KEY') })
 * await store.set(credentialKey('api.example.com'), credential)
 * ```
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (AES-GCM)
 * @see https://www.rfc-editor.org/rfc/rfc7914 (scrypt)
 */
export function createEncryptedStore(options: EncryptedStoreOptions): EncryptedStore {
  const s = resolveOptions(options)
  const read = async (): Promise<CredentialEntries> => (await readSealed(s.path, s.source))?.entries ?? new Map()
  return {
    kind: 'encrypted',
    path: s.path,
    ...entriesStore('the encrypted store', read, (change) => update(s, change)),
    probe: () => probeSealed(s.path, s.source),
    moveAsideCorrupt: () => withFileLock(s.path, () => moveAsideIfCorrupt(s), lockOptions(s)),
    removeMovedAside: () => withFileLock(s.path, () => removeMovedAside(s.path), lockOptions(s)),
    rotateKey: (newKey) => rotateKey(s, newKey),
  }
}

/** Lock, decrypt, change, seal under a new nonce, write atomically (only when changed). */
async function update(s: Settings, change: (entries: CredentialEntries) => boolean): Promise<boolean> {
  const prepared = await prepareKey(s.path, s.source)
  return withFileLock(
    s.path,
    async () => {
      const current = await readSealed(s.path, s.source)
      const entries = current?.entries ?? new Map()
      if (!change(entries)) return false
      await writeSealed(s.path, entries, current ?? prepared)
      return true
    },
    lockOptions(s),
  )
}

async function rotateKey(s: Settings, newKey: EncryptionKey): Promise<void> {
  const next = toKeySource(newKey, 'rotateKey', 'newKey', s.path, s.lockTimeoutMs)
  const kdf = newKdf(next)
  const master = await masterKey(next, kdf, s.path)
  const rotated = await withFileLock(
    s.path,
    async () => {
      const current = await readSealed(s.path, s.source) // the old key must open it: else nothing is written
      if (current !== undefined) await writeSealed(s.path, current.entries, { kdf, master })
      return current !== undefined
    },
    lockOptions(s),
  )
  s.source = next
  if (rotated) s.logger.info(`@auth/store-encrypted: re-encrypted ${s.path} under the key from ${next.label}`)
}

async function moveAsideIfCorrupt(s: Settings): Promise<string | undefined> {
  try {
    await readSealed(s.path, s.source)
    return undefined
  } catch (error) {
    if (!isCorrupt(error)) throw error // a wrong key or a bad mode is not corruption
  }
  const moved = await moveFileAside(s.path, { now: s.now })
  if (moved !== undefined) s.logger.warn(`@auth/store-encrypted: moved the unreadable ${s.path} aside to ${moved}`)
  return moved
}

function lockOptions(s: Settings): { timeoutMs: number; now: () => number; logger: Settings['logger'] } {
  return { timeoutMs: s.lockTimeoutMs, now: s.now, logger: s.logger }
}
