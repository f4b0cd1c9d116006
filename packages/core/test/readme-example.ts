import { tmpdir } from 'node:os'
import { AuthError, createAuth, createMemoryStore, type Flow } from '../src/index.js'

// A flow is any object with `kind` and `login` (the flow packages export ready ones:
// createDeviceFlow, createPkceFlow, createPatFlow, createClientCredentialsFlow).
const pat: Flow = {
  kind: 'pat',
  login: async () => ({ accessToken: 'example-access-token', tokenType: 'Bearer', scopes: ['read'], account: { login: 'alice' }, flow: 'pat', obtainedAt: Date.now() }),
}

const auth = createAuth({
  name: 'mycli', // hints say `mycli auth login`; MYCLI_TOKEN wins over every store
  host: 'https://api.example.com',
  dir: tmpdir(), // refresh locks live in <dir>/.locks
  flows: [pat],
  stores: [createMemoryStore()], // e.g. [createKeychainStore({ service: 'mycli' }), createFileStore({ dir })]
  env: {},
})

try {
  const { key } = await auth.login()
  const { credential, source } = await auth.getCredential() // env > store > refresh (locked) > login
  console.log(`${key.account} via ${source}: ${credential.scopes.join(' ')}`) // "alice via memory: read"
  await auth.logout()
  await auth.getAccessToken({ noLogin: true }) // nothing stored any more
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[LOGIN_REQUIRED]: not logged in to https://api.example.com
  if (error.hint) console.error(`hint: ${error.hint}`) //  hint: run `mycli auth login`
  process.exitCode = error.exitCode // 4
}
