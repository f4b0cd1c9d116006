// profiles-encrypted: a Python-CLI-style login on createAuth. Named profiles (`profcli auth create
// NAME --flow device|web|client-credential --host URL`, `profcli auth use NAME`); the token comes
// from PROFCLI_TOKEN, else the OS keychain, else the encrypted file (key in PROFCLI_ENCRYPTION_KEY),
// else a refresh, else a login. A client-credential secret comes from an env var (`--secret-env`),
// the keyring (`auth set-secret NAME`, read from stdin) or a secrets manager (`--secret-command`,
// run without a shell). Tokens and secrets are masked in every output.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AuthError, ConfigError, createAuth, ErrorCode, maskToken, readTrustedConfigFile, type Flow } from '@auth/core'
import { isRecord, writeFileAtomic } from '@auth/core/kit'
import { createClientCredentialsFlow, type SecretSource } from '@auth/flow-client-credentials'
import { createDeviceFlow } from '@auth/flow-device'
import { createPkceFlow } from '@auth/flow-pkce'
import { createEncryptedStore, parseEncryptionKey } from '@auth/store-encrypted'
import { createKeychainSecret, createKeychainStore } from '@auth/store-keychain'

interface Profile {
  host: string
  flow: 'device' | 'web' | 'client-credential'
  clientId: string
  secret?: { env: string } | { keyring: true } | { command: string[] }
}
type Profiles = { active?: string; profiles: Record<string, Profile> }

const env = process.env
const dir = env.PROFCLI_HOME ?? join(homedir(), '.profcli')
const file = join(dir, 'profiles.json')
const say = (line: string) => void process.stderr.write(`${line}\n`)
const usage = (message: string, hint = 'profcli auth create|use|login|status|token|logout|set-secret, profcli api PATH') => new ConfigError(message, { code: ErrorCode.USAGE_ERROR, hint })
const FLOWS = ['device', 'web', 'client-credential']

/** profiles.json, refused unless only the user can write it, and checked field by field. */
async function load(): Promise<Profiles> {
  const data: unknown = JSON.parse((await readTrustedConfigFile(file)) ?? '{"profiles":{}}')
  const ok = (p: unknown) => isRecord(p) && typeof p.host === 'string' && typeof p.clientId === 'string' && FLOWS.includes(p.flow as string)
  if (!isRecord(data) || !isRecord(data.profiles) || !Object.values(data.profiles).every(ok)) throw new ConfigError(`${file} is not a profcli profiles file`, { hint: `fix or remove ${file}` })
  return data as unknown as Profiles
}

const keychain = createKeychainStore({ service: 'profcli', dir })
const noKey = () =>
  new ConfigError('PROFCLI_ENCRYPTION_KEY is not set and the keychain is not available', {
    hint: 'export PROFCLI_ENCRYPTION_KEY=<a passphrase of 8 or more characters> to keep credentials in an encrypted file',
  })
const keyringSecret = (name: string) => createKeychainSecret({ service: 'profcli', account: `client-secret:${name}` })

async function secretOf(name: string, profile: Profile): Promise<SecretSource> {
  const secret = profile.secret
  if (secret !== undefined && 'env' in secret) return { env: secret.env }
  if (secret !== undefined && 'command' in secret) return { command: secret.command, timeoutMs: 20_000 }
  const value = await keyringSecret(name).get()
  if (value === undefined)
    throw new AuthError(`no client secret for profile ${name} in the keyring`, {
      code: ErrorCode.LOGIN_REQUIRED,
      exitCode: 4,
      hint: `run \`profcli auth set-secret ${name}\` with the secret on stdin`,
    })
  return { value, label: `the keyring entry of profile ${name}` }
}

function session(name: string, p: Profile) {
  const scopes = ['openid', 'profile', 'offline_access', 'api:read']
  const common = { issuer: p.host, clientId: p.clientId, name: 'profcli', loginCommand: `profcli auth login --profile ${name}` }
  const flow = async (): Promise<Flow> => {
    if (p.flow === 'device') return createDeviceFlow({ ...common, scopes, qr: false })
    if (p.flow === 'web') return createPkceFlow({ ...common, scopes })
    return createClientCredentialsFlow({ ...common, scopes: ['api:read'], secret: await secretOf(name, p) })
  }
  const key = env.PROFCLI_ENCRYPTION_KEY ? parseEncryptionKey(env.PROFCLI_ENCRYPTION_KEY, 'PROFCLI_ENCRYPTION_KEY') : { provider: () => Promise.reject(noKey()), label: 'PROFCLI_ENCRYPTION_KEY' }
  return createAuth({
    name: 'profcli',
    host: p.host,
    dir,
    prefer: { flow: p.flow === 'web' ? 'pkce' : p.flow === 'device' ? 'device' : 'client-credentials', clientId: p.clientId },
    keyVariable: 'PROFCLI_ENCRYPTION_KEY',
    loginCommand: `profcli auth login --profile ${name}`,
    // Built only when a login or a renewal needs it: `auth token` reads no secret while the token is fresh.
    flows: () => flow(),
    stores: [keychain, createEncryptedStore({ dir, key })],
    context: { output: { info: say, warn: (message) => say(`WARNING: ${message}`) } },
  })
}

async function main(): Promise<void> {
  const { values: flag, positionals: words } = parseArgs({
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      flow: { type: 'string' },
      host: { type: 'string' },
      'client-id': { type: 'string' },
      'secret-env': { type: 'string' },
      'secret-command': { type: 'string' },
    },
  })
  const [group, command, arg] = words
  const config = await load()
  if (group === 'auth' && command === 'create' && arg) {
    if (!flag.host || !FLOWS.includes(flag.flow ?? '')) throw usage('auth create needs --host URL and --flow device|web|client-credential')
    const secret = flag['secret-env']
      ? { env: flag['secret-env'] }
      : flag['secret-command']
        ? { command: flag['secret-command'].split(/\s+/).filter(Boolean) }
        : flag.flow === 'client-credential'
          ? { keyring: true as const }
          : undefined
    const profile: Profile = { host: flag.host, flow: flag.flow as Profile['flow'], clientId: flag['client-id'] ?? 'authcli', ...(secret && { secret }) }
    session(arg, profile) // checks the host before anything is written
    await writeFileAtomic(file, `${JSON.stringify({ ...config, active: config.active ?? arg, profiles: { ...config.profiles, [arg]: profile } }, null, 2)}\n`)
    return say(
      `Created profile ${arg} (${profile.flow} on ${profile.host}${secret ? `, client secret from ${'env' in secret ? `$${secret.env}` : 'command' in secret ? `\`${secret.command[0]}\`` : 'the keyring'}` : ''})`,
    )
  }
  const name = (group === 'auth' && command === 'use' ? arg : flag.profile) ?? env.PROFCLI_PROFILE ?? config.active ?? 'default'
  const profile = config.profiles[name]
  if (profile === undefined) throw usage(`no profile named "${name}"`, 'create it: profcli auth create NAME --flow device|web|client-credential --host URL')
  const auth = session(name, profile)
  if (group === 'api' && command) return console.log(await (await auth.fetch(command)).text())
  if (group !== 'auth') throw usage(`unknown command "${words.join(' ')}"`)
  if (command === 'use') {
    await writeFileAtomic(file, `${JSON.stringify({ ...config, active: name }, null, 2)}\n`)
    say(`Active profile: ${name}`)
  } else if (command === 'set-secret') {
    let text = ''
    for await (const chunk of process.stdin) text += chunk
    await keyringSecret(name).set(text.trim())
    say(`Saved the client secret of profile ${name} in the keyring`)
  } else if (command === 'login') {
    // Said before the login runs, so that no token is obtained only to find nowhere to keep it.
    if (!env.PROFCLI_ENCRYPTION_KEY && !(await keychain.probe()).available) throw noKey()
    const { key, store } = await auth.login()
    say(`Logged in as ${key.account} (profile ${name}; stored in the ${store.kind})`)
  } else if (command === 'token') console.log(await auth.getAccessToken())
  else if (command === 'status') {
    const found = await auth.stored()
    const statuses = (await auth.status()).credentials
    console.log(`profile: ${name}${name === config.active ? ' (active)' : ''}\nhost: ${auth.host}\nflow: ${profile.flow}`)
    if (found === undefined) return void (process.exitCode = 4)
    const c = found.credential
    const expires = c.expiresAt ? new Date(c.expiresAt).toISOString() : 'never'
    console.log(`account: ${found.key?.account ?? c.account.login}\nsource: ${found.source}\ntoken: ${maskToken(c.accessToken)}\nexpires: ${expires}`)
    for (const s of statuses) if (s.warning) say(`WARNING: ${s.warning}`)
  } else if (command === 'logout') {
    for (const o of (await auth.logout()).loggedOut) say(`Logged out ${o.account} from ${o.stores.join(', ')}`)
  } else throw usage(`unknown command "auth ${command ?? ''}"`)
}

try {
  await main()
} catch (error) {
  const e = error instanceof SyntaxError ? new ConfigError(`${file} is not valid JSON`) : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? usage((error as Error).message) : error
  if (!AuthError.isInstance(e)) throw e
  say(`error[${e.code}]: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`)
  process.exitCode = e.exitCode
}
