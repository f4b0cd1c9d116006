import { credentialKey, type Credential } from '@auth/core'
import { createEncryptedStore, generateDataKey, parseEncryptionKey, type EncryptionKey } from '../src/index.js'

export async function example(configDir: string, env: Record<string, string | undefined>): Promise<Credential | undefined> {
  // MYCLI_ENCRYPTION_KEY: a passphrase (stretched with scrypt) or 32 bytes of base64 (`openssl rand -base64 32`)
  const store = createEncryptedStore({ dir: configDir, key: parseEncryptionKey(env.MYCLI_ENCRYPTION_KEY ?? '', 'MYCLI_ENCRYPTION_KEY') })
  const key = credentialKey('api.example.com', 'alice')

  await store.set(key, {
    accessToken: 'example-access-token',
    tokenType: 'Bearer',
    scopes: ['api:read'],
    account: { login: 'alice' },
    flow: 'pat',
    obtainedAt: Date.now(),
  }) // <configDir>/credentials.enc: AES-256-GCM, atomic write, cross-process lock

  // `mycli store rotate-key`: re-encrypt everything under a new key, in one atomic write.
  const next = env.MYCLI_NEW_ENCRYPTION_KEY
  if (next) await store.rotateKey(parseEncryptionKey(next, 'MYCLI_NEW_ENCRYPTION_KEY'))

  return store.get(key) // a wrong key or a tampered file: StorageError, exit 6
}

/** Envelope encryption: a random data key kept in the OS keychain, made on first use. */
export function keychainKey(keychain: { get(): Promise<string | undefined>; set(value: string): Promise<void> }): EncryptionKey {
  return {
    label: 'the keychain',
    provider: async () => {
      const saved = await keychain.get()
      if (saved !== undefined) return new Uint8Array(Buffer.from(saved, 'base64'))
      const dataKey = generateDataKey()
      await keychain.set(Buffer.from(dataKey).toString('base64'))
      return dataKey
    },
  }
}
