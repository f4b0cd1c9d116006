// A product CLI with the device flow and a 0600 file: `mycli login`, `mycli token`, `mycli me`,
// `mycli logout`. The issue 20 bundle row "core + flow-device + store-file"; bundled and run by
// test/bundle-rows.test.ts, its size a size-limit entry.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AuthError, createAuth } from '@auth/core'
import { createDeviceFlow } from '@auth/flow-device'
import { createFileStore } from '@auth/store-file'

const host = process.env.MYCLI_HOST ?? 'https://api.example.com'
const dir = process.env.MYCLI_DIR ?? join(homedir(), '.mycli')
const say = (line: string) => void process.stderr.write(`${line}\n`)

const auth = createAuth({
  name: 'mycli',
  host,
  dir,
  flows: [createDeviceFlow({ issuer: host, clientId: 'authcli', scopes: ['openid', 'offline_access', 'api:read'], name: 'mycli' })],
  stores: [createFileStore({ dir })],
  context: { output: { info: say, warn: (m) => say(`warning: ${m}`) } },
})

try {
  const command = process.argv[2]
  if (command === 'login') say(`logged in as ${(await auth.login()).key.account}`)
  else if (command === 'token') console.log(await auth.getAccessToken())
  else if (command === 'me') console.log(await (await auth.fetch('/api/v1/profile')).text())
  else if (command === 'logout') say(JSON.stringify(await auth.logout({ revoke: true })))
} catch (error) {
  if (!AuthError.isInstance(error)) throw error
  say(`error[${error.code}]: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`)
  process.exitCode = error.exitCode
}
