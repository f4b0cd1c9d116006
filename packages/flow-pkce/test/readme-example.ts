import { AuthError, accountName, createMemoryStore, credentialKey } from '@auth/core'
import { createPkceFlow } from '../src/index.js'

const flow = createPkceFlow({
  issuer: process.env.MYCLI_ISSUER ?? 'https://auth.example.com',
  clientId: process.env.MYCLI_CLIENT_ID ?? 'my-cli',
  name: 'mycli',
  // portRange: [8765, 8769] (the default): register http://127.0.0.1:8765/callback ... :8769
})

// Ctrl-C closes the listener at once: login rejects with CancelledError (exit code 130).
const controller = new AbortController()
const onSigint = () => controller.abort()
process.once('SIGINT', onSigint)

try {
  const credential = await flow.login({
    output: {
      info: (line) => console.error(line), // the URL, always printed (the browser may not open)
      warn: (line) => console.error(`warning: ${line}`),
    },
    signal: controller.signal,
  })
  const store = createMemoryStore()
  await store.set(credentialKey('https://api.example.com', accountName(credential)), credential)
  console.log(`Logged in as ${credential.account.login}`)
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}`) // error[ACCESS_DENIED]: the authorization was denied
  if (error.hint) console.error(`hint: ${error.hint}`) //  hint: run `mycli auth login` again ...
  process.exitCode = error.exitCode // 4 denied or timed out, 5 network, 130 interrupted
} finally {
  process.off('SIGINT', onSigint)
}
