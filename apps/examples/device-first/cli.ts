// device-first: a gh-style CLI on createAuth. `hubcli auth login --host URL` logs in with the
// device flow (`--with-token` reads a PAT from stdin instead); `auth status` shows every host,
// `auth switch --host URL` picks the active one, `auth refresh`, `auth token`, `auth logout`,
// `api PATH`. HUBCLI_API_KEY skips the store entirely. Credentials live in the OS keychain keyed by
// host URL (a 0600 file when there is none, said out loud); `<dir>/host` names the active host.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AuthError, AuthenticationError, ConfigError, createAuth, ErrorCode, maskToken } from '@auth/core'
import { writeFileAtomic } from '@auth/core/kit'
import { createDeviceFlow } from '@auth/flow-device'
import { createPatFlow } from '@auth/flow-pat'
import { createFileStore } from '@auth/store-file'
import { createKeychainStore } from '@auth/store-keychain'

const env = process.env
const dir = env.HUBCLI_CONFIG_DIR ?? join(homedir(), '.hubcli')
const hostFile = join(dir, 'host')
const stores = [createKeychainStore({ service: 'hubcli', dir }), createFileStore({ dir })]
const say = (line: string) => void process.stderr.write(`${line}\n`)

function session(host: string) {
  return createAuth({
    name: 'hubcli',
    host,
    dir,
    stores,
    envToken: { variable: 'HUBCLI_API_KEY' },
    loginCommand: `hubcli auth login --host ${host}`,
    flows: [
      createDeviceFlow({ issuer: host, clientId: env.HUBCLI_CLIENT_ID ?? 'authcli', scopes: ['openid', 'profile', 'offline_access', 'api:read'], qr: false, name: 'hubcli' }),
      createPatFlow({ name: 'hubcli', host, profileUrl: `${host}/api/v1/profile` }),
    ],
    context: { output: { info: say, warn: (message) => say(`! ${message}`) } },
  })
}

/** `--host`, else the host switched to last, else the default. */
async function activeHost(flag?: string): Promise<string> {
  return flag ?? ((await readFile(hostFile, 'utf8').catch(() => '')).trim() || env.HUBCLI_HOST || 'https://api.example.com')
}

/** Every host something is stored for, across the stores that can be read here. */
async function knownHosts(): Promise<string[]> {
  const hosts = new Set<string>()
  for (const store of stores) if ((await store.probe()).available) for (const key of await store.list()) hosts.add(key.host)
  return [...hosts].sort()
}

async function status(active: string): Promise<number> {
  const envKey = env.HUBCLI_API_KEY !== undefined && env.HUBCLI_API_KEY !== ''
  const hosts = envKey ? [active] : await knownHosts()
  if (hosts.length === 0) say('You are not logged into any hosts. Run `hubcli auth login` to log in.')
  let code = hosts.includes(active) ? 0 : 4
  for (const host of hosts) {
    const found = await session(host).status()
    say(new URL(host).host)
    if (found.envToken) say(`  ✓ Logged in to ${host} using the token in ${found.envToken}`)
    for (const c of found.credentials) {
      say(`  ${c.valid ? '✓' : 'X'} Logged in to ${host} account ${c.account} (${c.store}${c.location ? `: ${c.location}` : ''})`)
      say(`  - Active host: ${host === active}`)
      say(`  - Token: ${maskToken((await session(host).stored())?.credential.accessToken ?? '')}`)
      say(`  - Token scopes: ${c.scopes.map((s) => `'${s}'`).join(', ') || 'none'}`)
      if (c.needsLogin) say(`  - The token was revoked: run \`hubcli auth login --host ${host}\``)
      if (host === active && !c.valid) code = 4
    }
  }
  return code
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { host: { type: 'string' }, 'with-token': { type: 'boolean' } } })
  const [group, command, path] = positionals
  const host = await activeHost(values.host)
  const auth = session(host)
  if (group === 'api' && command) {
    const response = await auth.fetch(command)
    console.log(await response.text())
    return response.ok ? 0 : 1
  }
  if (group !== 'auth' || path !== undefined)
    throw new ConfigError(`unknown command "${positionals.join(' ')}"`, { code: ErrorCode.USAGE_ERROR, hint: 'hubcli auth login|status|switch|refresh|token|logout, hubcli api PATH' })
  if (command === 'login') {
    const { key, store } = await auth.login(values['with-token'] ? 'pat' : 'device', { stdin: process.stdin })
    await writeFileAtomic(hostFile, `${auth.host}\n`)
    say(`✓ Logged in to ${auth.host} as ${key.account} (${store.kind})`)
  } else if (command === 'status') return status(auth.host)
  else if (command === 'switch') {
    if ((await auth.stored()) === undefined) throw new AuthenticationError(`not logged in to ${auth.host}`, { code: ErrorCode.LOGIN_REQUIRED, hint: `run \`hubcli auth login --host ${auth.host}\`` })
    await writeFileAtomic(hostFile, `${auth.host}\n`)
    say(`✓ Switched the active host to ${auth.host}`)
  } else if (command === 'refresh') {
    const { credential } = await auth.refresh()
    say(`✓ Refreshed the token for ${auth.host} (${credential.scopes.join(' ')})`)
  } else if (command === 'token') console.log(await auth.getAccessToken({ noLogin: true }))
  else if (command === 'logout') {
    for (const gone of (await auth.logout({ revoke: true })).loggedOut) say(`✓ Logged out of ${gone.host} account ${gone.account}`)
  } else throw new ConfigError(`unknown command "auth ${command ?? ''}"`, { code: ErrorCode.USAGE_ERROR, hint: 'hubcli auth login|status|switch|refresh|token|logout' })
  return 0
}

try {
  process.exitCode = await main()
} catch (error) {
  const usage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  if (!usage && !AuthError.isInstance(error)) throw error
  const e = usage ? new ConfigError((error as Error).message, { code: ErrorCode.USAGE_ERROR }) : (error as AuthError)
  say(`error[${e.code}]: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`)
  process.exitCode = e.exitCode
}
