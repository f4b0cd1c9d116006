import { AuthError, createMemoryStore, credentialKey, resolveCredential } from '../src/index.js'

const store = createMemoryStore()
const key = credentialKey('api.example.com') // { host: 'https://api.example.com', account: 'default' }

await store.set(key, {
  accessToken: 'example-access-token',
  tokenType: 'Bearer',
  scopes: ['read'],
  account: { login: 'alice' },
  flow: 'pat',
  obtainedAt: Date.now(),
})

try {
  // AUTHCLI_TOKEN > the store > a refresh > an interactive login: the first hit wins.
  const credential = await resolveCredential({ key, store, env: {} })
  console.log(`${credential.account.login} via ${credential.source}`) // "alice via memory"
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[LOGIN_REQUIRED]: ...
  if (error.hint) console.error(`hint: ${error.hint}`) //  hint: run `authcli auth login`
  process.exitCode = error.exitCode // 4
}
