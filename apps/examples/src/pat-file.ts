// A product CLI with personal access tokens and a 0600 file: `mycli login` (token on stdin),
// `mycli token`, `mycli me`. What the README shows; bundled and run by test/examples.test.ts.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AuthError, createAuth } from '@auth/core'
import { createPatFlow } from '@auth/flow-pat'
import { createFileStore } from '@auth/store-file'

const host = process.env.MYCLI_HOST ?? 'https://api.example.com'
const dir = process.env.MYCLI_DIR ?? join(homedir(), '.mycli')

const auth = createAuth({
  name: 'mycli',
  host,
  dir,
  flows: [createPatFlow({ name: 'mycli', host, profileUrl: `${host}/api/v1/profile` })],
  stores: [createFileStore({ dir })],
})

try {
  const command = process.argv[2]
  // The token is read at login, from the piped stdin (`mycli login < token.txt`).
  if (command === 'login') console.error(`logged in as ${(await auth.login('pat', { stdin: process.stdin })).key.account}`)
  else if (command === 'token') console.log(await auth.getAccessToken())
  else if (command === 'me') console.log(await (await auth.fetch('/api/v1/profile')).text())
  else if (command === 'logout') await auth.logout()
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`)
  process.exitCode = error.exitCode
}
