import { text } from 'node:stream/consumers'
import { AuthError, createMemoryStore, credentialKey } from '@auth/core'
import { createPatFlow } from '../src/index.js'

const host = process.env['EXAMPLE_HOST'] ?? 'https://api.example.com'
const flow = createPatFlow({
  host,
  profileUrl: '/api/v1/profile', // GET with the token before saving; 2xx = valid
  readToken: () => text(process.stdin), // `mycli auth login --token-stdin < token.txt`
})
const store = createMemoryStore()

try {
  const credential = await flow.login({ output: { info: console.error, warn: console.error } })
  await store.set(credentialKey(host, credential.account.login), credential)
  console.log(`logged in to ${host} as ${credential.account.login} (${credential.scopes.join(', ')})`)
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[INVALID_TOKEN]: invalid token: ...
  if (error.hint) console.error(`hint: ${error.hint}`)
  process.exitCode = error.exitCode // 4 refused, 5 network
}
