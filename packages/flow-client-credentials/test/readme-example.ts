import { tmpdir } from 'node:os'
import { AuthError, createAuth, createMemoryStore } from '@auth/core'
import { createClientCredentialsFlow } from '../src/index.js'

const issuer = process.env['EXAMPLE_ISSUER'] ?? 'https://login.example.com'
const auth = createAuth({
  name: 'mycli',
  host: issuer,
  dir: tmpdir(),
  flows: [
    createClientCredentialsFlow({
      issuer,
      clientId: process.env['MYCLI_CLIENT_ID'] ?? 'ci-bot',
      secret: { env: 'MYCLI_CLIENT_SECRET' }, // or { file: '/run/secrets/ci-bot' }, { privateKeyFile: 'key.pem' }
      scopes: ['api:read'],
    }),
  ],
  stores: [createMemoryStore()],
})

try {
  await auth.login() // stores the access token and its expiry, never the secret
  // Later: valid → as stored; expired → a new grant with the same secret source, written back.
  const { credential } = await auth.getCredential()
  console.log(`${credential.account.login}: ${credential.scopes.join(' ')} until ${new Date(credential.expiresAt ?? 0).toISOString()}`)
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[LOGIN_REQUIRED]: the client secret is expected in ...
  if (error.hint) console.error(`hint: ${error.hint}`)
  process.exitCode = error.exitCode // 4 secret or client refused, 5 network
}
