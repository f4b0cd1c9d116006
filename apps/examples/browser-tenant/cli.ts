// browser-tenant: a Go-CLI-style login on createAuth. `tenantcli auth login` runs the browser flow
// (PKCE, a listener on 127.0.0.1:8765-8769); `--no-browser` prints the URL and reads the redirect
// URL pasted back; `--with-token TOKEN` / `--token-stdin` save a token checked against
// /api/v1/profile first (exit 4 when refused). Client id: `--client-id` > TENANTCLI_CLIENT_ID > the
// build's default. Tenant: `--tenant` > config.toml > the one captured at login, sent as X-Tenant.
// Environments are keyed by `--api-url`. Keychain, else a 0600 file; logout deletes from both;
// `whoami` warns when the token expires within 30 s.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AuthError, ConfigError, createAuth, ErrorCode, loadConfig } from '@auth/core'
import { createPatFlow } from '@auth/flow-pat'
import { createPkceFlow } from '@auth/flow-pkce'
import { createFileStore } from '@auth/store-file'
import { createKeychainStore } from '@auth/store-keychain'

/** Set at build time: `esbuild --define:__TENANTCLI_CLIENT_ID__='"..."'`. */
declare const __TENANTCLI_CLIENT_ID__: string | undefined
const BUILD_CLIENT_ID = typeof __TENANTCLI_CLIENT_ID__ === 'string' ? __TENANTCLI_CLIENT_ID__ : 'tenantcli'

const env = process.env
const say = (line: string) => void process.stderr.write(`${line}\n`)
const usage = (message: string) => new ConfigError(message, { code: ErrorCode.USAGE_ERROR, hint: 'tenantcli auth login|logout|token, tenantcli whoami, tenantcli api PATH' })

async function main(): Promise<void> {
  const { values: flag, positionals: words } = parseArgs({
    allowPositionals: true,
    options: {
      'api-url': { type: 'string' },
      'client-id': { type: 'string' },
      tenant: { type: 'string' },
      'no-browser': { type: 'boolean' },
      'with-token': { type: 'string' },
      'token-stdin': { type: 'boolean' },
    },
  })
  const dir = env.TENANTCLI_HOME ?? join(homedir(), '.tenantcli')
  const config = (await loadConfig(join(dir, 'config.toml'))).profiles.default ?? {}
  const host = flag['api-url'] ?? env.TENANTCLI_API_URL ?? config.host ?? 'https://api.example.com'
  const tenant = flag.tenant ?? config.tenant
  const pkce = createPkceFlow({
    issuer: config.issuer ?? host,
    clientId: flag['client-id'] ?? env.TENANTCLI_CLIENT_ID ?? config.clientId ?? BUILD_CLIENT_ID,
    scopes: ['openid', 'profile', 'email', 'api:read'],
    browser: !flag['no-browser'],
    portRange: [8765, 8769],
    name: 'tenantcli',
    loginCommand: 'tenantcli auth login',
  })
  const auth = createAuth({
    name: 'tenantcli',
    host,
    dir,
    ...(tenant !== undefined && { tenant }),
    loginCommand: `tenantcli auth login --api-url ${host}`,
    flows: [pkce, createPatFlow({ name: 'tenantcli', host, profileUrl: `${host}/api/v1/profile`, ...(tenant !== undefined && { tenant }) })],
    stores: [createKeychainStore({ service: 'tenantcli', dir }), createFileStore({ dir })],
    context: { output: { info: say, warn: (message) => say(`Warning: ${message}`) } },
  })

  const [command, sub, path] = words
  if (command === 'auth' && sub === 'login') {
    const token = flag['with-token']
    const pat = token !== undefined || flag['token-stdin'] === true
    const options = token !== undefined ? { input: { token, source: '--with-token' } } : { stdin: process.stdin }
    const { credential, key, store } = await auth.login(pat ? 'pat' : 'pkce', options)
    say(`Logged in to ${auth.host} as ${key.account}${credential.tenant ? ` (tenant ${credential.tenant})` : ''}; saved in the ${store.kind}`)
  } else if (command === 'auth' && sub === 'logout') {
    const { loggedOut } = await auth.logout({ revoke: true })
    say(loggedOut.length === 0 ? `Not logged in to ${auth.host}` : loggedOut.map((o) => `Logged out of ${o.host} (deleted from: ${o.stores.join(', ')})`).join('\n'))
  } else if (command === 'auth' && sub === 'token') {
    console.log(await auth.getAccessToken())
  } else if (command === 'whoami') {
    const found = await auth.stored()
    if (found === undefined) throw new AuthError(`not logged in to ${auth.host}`, { code: ErrorCode.LOGIN_REQUIRED, exitCode: 4, hint: 'run `tenantcli auth login`' })
    const { account, tenant: captured } = found.credential
    console.log(`${account.login ?? account.name ?? 'unknown'}${account.email ? ` <${account.email}>` : ''} on ${auth.host}, tenant ${tenant ?? captured ?? '(none)'}`)
    for (const c of (await auth.status()).credentials) if (c.warning && c.account === found.key?.account) say(`Warning: ${c.warning}`)
  } else if (command === 'api' && sub !== undefined && path === undefined) {
    const response = await auth.fetch(sub)
    console.log(await response.text())
    if (!response.ok) process.exitCode = 1
  } else throw usage(`unknown command "${words.join(' ')}"`)
}

try {
  await main()
} catch (error) {
  const e = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? usage((error as Error).message) : error
  if (!AuthError.isInstance(e)) throw e
  say(`error[${e.code}]: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`)
  process.exitCode = e.exitCode
}
