import { credentialKey, StorageError, type Credential } from '@auth/core'
import { createFileStore } from '../src/index.js'

export async function example(configDir: string): Promise<Credential | undefined> {
  const store = createFileStore({ dir: configDir }) // <configDir>/credentials, 0600, folder 0700
  const key = credentialKey('api.example.com', 'alice') // normalised host + account

  // Before a NEW login only: move an unreadable file aside, and say so.
  const moved = await store.moveAsideCorrupt()
  if (moved) console.error(`warning: the credentials file was unreadable; moved it to ${moved}`)

  await store.set(key, {
    accessToken: 'example-access-token',
    tokenType: 'Bearer',
    scopes: ['api:read'],
    account: { login: 'alice' },
    flow: 'pat',
    obtainedAt: Date.now(),
  }) // locked read-modify-write, atomic rename: other processes lose nothing

  try {
    return await store.get(credentialKey('https://API.example.com/', 'alice'))
  } catch (error) {
    // A corrupt file, a wrong mode (hint: chmod 600 ...), a busy lock: exit code 6.
    if (StorageError.isInstance(error)) console.error(`error[${error.code}]: ${error.message}`)
    throw error
  }
}
