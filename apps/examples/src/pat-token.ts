// A product that only hands out a token: `mycli token` prints it, `mycli me` calls the API with
// it. `MYCLI_TOKEN` wins; else the stored login; with neither, and nobody at a terminal, it fails
// with LOGIN_REQUIRED (exit 4) without prompting. The flow needs no token to be built: it reads
// one only when a login runs. Bundled and run by test/examples.test.ts.
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
  flows: [createPatFlow({ host, profileUrl: `${host}/api/v1/profile` })],
  stores: [createFileStore({ dir })],
})

try {
  if (process.argv[2] === 'me') console.log(await (await auth.fetch('/api/v1/profile')).text())
  else console.log(await auth.getAccessToken())
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  console.error(`error[${error.code}]: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`)
  process.exitCode = error.exitCode
}
