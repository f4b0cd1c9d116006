import { randomBytes } from 'node:crypto'
import { keychainError } from './errors.js'
import { createKeychainSecret } from './create-keychain-secret.js'
import type { KeychainDataKeyOptions, KeychainSecret } from './types.js'

const KEY_BYTES = 32
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/

/**
 * A key provider for the encrypted store: reads a random 32-byte key (base64) from the
 * keychain entry (`service`, `account` = `data-key`), or creates one, stores it and reads it
 * back (when two processes race, both end up with the one stored last). The key is read once
 * per provider; each call resolves a fresh copy. An entry that is not a base64 32-byte key is
 * an error and is never overwritten: data may be encrypted with it.
 *
 * @returns `() => Promise<Uint8Array>`, for the encrypted store's `{ provider }` key source.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options.
 * @throws StorageError `STORAGE_ERROR` (exit 6), from the provider, when the keychain fails or
 * holds something else under that name.
 * @example
 * ```ts
 * const provider = keychainDataKey({ service: 'mycli' })
 * const key = await provider() // 32 random bytes, the same on every run
 * ```
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (AES-GCM keys)
 */
export function keychainDataKey(options: KeychainDataKeyOptions): () => Promise<Uint8Array> {
  const account = options?.account ?? 'data-key'
  const secret = createKeychainSecret({ ...options, account })
  const label = `keychain entry "${String(options.service)}" / "${account}"`
  let pending: Promise<Uint8Array> | undefined
  return async () => {
    pending ??= readOrCreate(secret, label).catch((error: unknown) => {
      pending = undefined
      throw error
    })
    return (await pending).slice()
  }
}

async function readOrCreate(secret: KeychainSecret, label: string): Promise<Uint8Array> {
  const stored = await secret.get()
  if (stored !== undefined) return decodeKey(stored, label)
  await secret.set(randomBytes(KEY_BYTES).toString('base64'))
  const back = await secret.get()
  if (back === undefined) {
    const reason = 'the data key just stored cannot be read back'
    throw keychainError(`${label}: ${reason}`, reason)
  }
  return decodeKey(back, label)
}

function decodeKey(text: string, label: string): Uint8Array {
  if (!BASE64_KEY.test(text)) {
    const reason = `it does not hold a base64 ${KEY_BYTES}-byte key`
    throw keychainError(`${label}: ${reason}`, reason, 'restore the key, or delete the entry only if nothing is encrypted with it')
  }
  return new Uint8Array(Buffer.from(text, 'base64'))
}
