import { AuthError, createMemoryStore, credentialKey, fromRefresh } from '@auth/core'
import { createClientCredentialsFlow } from '../src/index.js'

const issuer = process.env['EXAMPLE_ISSUER'] ?? 'https://login.example.com'
const flow = createClientCredentialsFlow({
  issuer,
  clientId: process.env['AUTHCLI_CLIENT_ID'] ?? 'ci-bot',
  secret: { env: 'AUTHCLI_CLIENT_SECRET' }, // or { file: '/run/secrets/ci-bot' }, { privateKeyFile: 'key.pem' }
  scopes: ['api:read'],
})
const store = createMemoryStore()

try {
  const credential = await flow.login({}) // holds the access token and its expiry, never the secret
  const key = credentialKey(issuer, credential.account.login)
  await store.set(key, credential)
  // Later (`auth token`): valid → as stored; expired → a new grant with the same secret source.
  const current = await fromRefresh({ store, key, refresh: (c) => flow.refresh!(c, {}) })()
  console.log(`${current.account.login}: ${current.scopes.join(' ')} until ${new Date(current.expiresAt ?? 0).toISOString()}`)
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[LOGIN_REQUIRED]: the client secret is expected in ...
  if (error.hint) console.error(`hint: ${error.hint}`)
  process.exitCode = error.exitCode // 4 secret or client refused, 5 network
}
