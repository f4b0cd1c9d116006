// A product CLI run by a CI job: the client credentials grant, the secret from MYCLI_CLIENT_SECRET
// (read when a token is needed, never stored), the access token cached in a 0600 file:
// `mycli login`, `mycli token`, `mycli me`, `mycli logout`. The issue 20 bundle row
// "core + flow-client-credentials + store-file"; bundled and run by test/bundle-rows.test.ts.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AuthError, createAuth } from '@auth/core'
import { createClientCredentialsFlow } from '@auth/flow-client-credentials'
import { createFileStore } from '@auth/store-file'

const host = process.env.MYCLI_HOST ?? 'https://api.example.com'
const dir = process.env.MYCLI_DIR ?? join(homedir(), '.mycli')

const auth = createAuth({
  name: 'mycli',
  host,
  dir,
  flows: [
    createClientCredentialsFlow({
      issuer: host,
      clientId: process.env.MYCLI_CLIENT_ID ?? 'ci-bot',
      secret: { env: 'MYCLI_CLIENT_SECRET' },
      scopes: ['api:read'],
      name: 'mycli',
    }),
  ],
  stores: [createFileStore({ dir })],
})

try {
  const command = process.argv[2]
  if (command === 'login') console.error(`logged in as ${(await auth.login()).key.account}`)
  else if (command === 'token') console.log(await auth.getAccessToken())
  else if (command === 'me') console.log(await (await auth.fetch('/api/v1/profile')).text())
  else if (command === 'logout') console.error(JSON.stringify(await auth.logout()))
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`)
  process.exitCode = error.exitCode
}
