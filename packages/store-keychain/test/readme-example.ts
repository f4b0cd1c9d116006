import { AuthError, credentialKey, type Credential } from '@auth/core'
import { createKeychainStore, keychainDataKey } from '../src/index.js'

export async function example(service = 'mycli'): Promise<Credential | undefined> {
  // Entries: service "mycli:<host>", account "<account>"; every call has a 3 s deadline.
  const store = createKeychainStore({ service })
  const { available, reason, location } = await store.probe() // fast; never hangs on D-Bus
  if (!available) {
    console.error(`the ${location} is not available (${reason}): use the credentials file`)
    return undefined
  }

  const key = credentialKey('api.example.com', 'alice') // normalised host + account
  await store.set(key, {
    accessToken: 'example-access-token',
    tokenType: 'Bearer',
    scopes: ['api:read'],
    account: { login: 'alice' },
    flow: 'pat',
    obtainedAt: Date.now(),
  })

  try {
    console.log(await store.list()) // [{ host: 'https://api.example.com', account: 'alice' }]
    return await store.get(credentialKey('https://API.example.com/', 'alice'))
  } catch (error) {
    // A locked keyring, no answer within 3 s, garbage in the entry: StorageError, exit code 6.
    if (AuthError.isInstance(error)) console.error(`error[${error.code}]: ${error.message}`)
    throw error
  }
}

// The encrypted store's key, kept in the keychain: 32 random bytes, created on first use.
export const dataKey: () => Promise<Uint8Array> = keychainDataKey({ service: 'mycli' })
