import { AuthError, createMemoryStore, credentialKey } from '@auth/core'
import { createPatFlow } from '../src/index.js'

const host = process.env['EXAMPLE_HOST'] ?? 'https://api.example.com'
const flow = createPatFlow({
  name: 'mycli',
  host,
  profileUrl: '/api/v1/profile', // GET with the token before saving; 2xx = valid
})
const store = createMemoryStore()

try {
  // The token is read now, at login: `mycli login < token.txt` (piped stdin). On a terminal,
  // pass `interactive: true` and a `prompter` to ask for it hidden; or `input: { token }`.
  const credential = await flow.login({ stdin: process.stdin, output: { info: console.error, warn: console.error } })
  await store.set(credentialKey(host, credential.account.login), credential)
  console.log(`logged in to ${host} as ${credential.account.login} (${credential.scopes.join(', ')})`)
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[INVALID_TOKEN]: invalid token: ...
  if (error.hint) console.error(`hint: ${error.hint}`)
  process.exitCode = error.exitCode // 4 refused or no token, 5 network
}
