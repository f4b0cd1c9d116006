import { text } from 'node:stream/consumers'
import { createAuth, createMemoryStore, credentialKey } from '@auth/core'
import { serveDockerCredential } from '../src/index.js'

// `docker-credential-mycli`, a second bin of the product (docker finds it by that name):
// docker runs `docker-credential-mycli get` with the server URL on stdin.
const host = process.env['EXAMPLE_HOST'] ?? 'https://registry.example.com'
const store = createMemoryStore() // a product passes its keychain and file stores: what `mycli login` saved
await store.set(credentialKey(host, 'alice'), { accessToken: 'example-token-123', tokenType: 'Bearer', scopes: [], account: { login: 'alice' }, flow: 'pat', obtainedAt: Date.now() })
const auth = createAuth({ name: 'mycli', host, dir: '/tmp/mycli-example', flows: [], stores: [store] })

const operation = process.env['EXAMPLE_OPERATION'] ?? 'get' // process.argv[2] in the real bin
const answer = await serveDockerCredential(operation, await text(process.stdin), { auth, loginCommand: 'mycli login' })
process.stdout.write(answer.stdout) // {"ServerURL":"registry.example.com","Username":"alice","Secret":"example-token-123"}
process.exitCode = answer.exitCode // 1: "credentials not found in native keychain" (another server)
