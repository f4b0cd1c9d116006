// yaml-config: a Flyte-style login on createAuth, driven by config.yaml:
//   admin:
//     endpoint: dns:///flyte.example.com   # or https://..., `insecure: true` for plain http
//     authType: Pkce | DeviceFlow | ClientSecret
//     clientId: flytectl
//     clientSecretLocation: /etc/secrets/client_secret   # or clientSecretEnvVar: FLYTE_SECRET
//     scopes: [all]
// Its path: `--config FILE` > YAMLCLI_CONFIG > ~/.yamlcli/config.yaml. `yamlcli auth login|token|logout`,
// `yamlcli get PATH` (an API call). Tokens in the OS keychain, else a 0600 file.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AuthError, ConfigError, createAuth, ErrorCode, readTrustedConfigFile, type Flow } from '@auth/core'
import { isRecord, sanitizeText } from '@auth/core/kit'
import { createClientCredentialsFlow } from '@auth/flow-client-credentials'
import { createDeviceFlow } from '@auth/flow-device'
import { createPkceFlow } from '@auth/flow-pkce'
import { createFileStore } from '@auth/store-file'
import { createKeychainStore } from '@auth/store-keychain'
import { parse } from 'yaml'

const env = process.env
const say = (line: string) => void process.stderr.write(`${line}\n`)
const dir = join(homedir(), '.yamlcli')

/** The `admin` section, checked key by key (a config error names the key and the file). */
async function readAdmin(file: string) {
  const bad = (what: string): never => {
    throw new ConfigError(`${file}: ${what}`, { hint: 'see the admin section in the yamlcli README' })
  }
  const text = (await readTrustedConfigFile(file)) ?? bad('no such file')
  let doc: unknown
  try {
    doc = parse(text, { maxAliasCount: 10 })
  } catch (error) {
    bad(`not valid YAML (${sanitizeText((error as Error).message, 120)})`)
  }
  const admin = isRecord(doc) && isRecord(doc.admin) ? doc.admin : bad('has no admin section')
  const field = (key: string, required = false): string | undefined => {
    const value = admin[key]
    if (value === undefined || value === null) return required ? bad(`admin.${key} is required`) : undefined
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : bad(`admin.${key} must be a non-empty string`)
  }
  const authType = field('authType') ?? 'Pkce'
  if (!['Pkce', 'DeviceFlow', 'ClientSecret'].includes(authType)) bad(`admin.authType must be Pkce, DeviceFlow or ClientSecret, not "${sanitizeText(authType, 40)}"`)
  const scopes = admin.scopes ?? ['openid', 'profile', 'offline_access', 'api:read']
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) bad('admin.scopes must be a list of strings')
  const endpoint = (field('endpoint', true) as string).replace(/^dns:\/\/\//, '')
  const host = /^https?:\/\//.test(endpoint) ? endpoint : `${admin.insecure === true ? 'http' : 'https'}://${endpoint}`
  const clientId = field('clientId') ?? 'flytectl'
  const location = field('clientSecretLocation')
  const variable = field('clientSecretEnvVar')
  if (authType === 'ClientSecret' && (location === undefined) === (variable === undefined)) bad('admin.authType ClientSecret needs one of clientSecretLocation or clientSecretEnvVar')
  return { host, authType, clientId, scopes: scopes as string[], secret: location !== undefined ? { file: location } : { env: variable as string } }
}

async function main(): Promise<void> {
  const { values: flag, positionals: words } = parseArgs({ allowPositionals: true, options: { config: { type: 'string' } } })
  const admin = await readAdmin(flag.config ?? env.YAMLCLI_CONFIG ?? join(dir, 'config.yaml'))
  const common = { issuer: admin.host, clientId: admin.clientId, name: 'yamlcli', loginCommand: 'yamlcli auth login' }
  const flow = (): Flow => {
    if (admin.authType === 'DeviceFlow') return createDeviceFlow({ ...common, scopes: admin.scopes, qr: false })
    if (admin.authType === 'ClientSecret') return createClientCredentialsFlow({ ...common, scopes: admin.scopes, secret: admin.secret })
    return createPkceFlow({ ...common, scopes: admin.scopes })
  }
  const auth = createAuth({
    name: 'yamlcli',
    host: admin.host,
    dir,
    flows: () => flow(),
    stores: [createKeychainStore({ service: 'yamlcli', dir }), createFileStore({ dir })],
    context: { output: { info: say, warn: (message) => say(`warning: ${message}`) } },
  })
  const [group, command] = words
  if (group === 'auth' && command === 'login') {
    const { key, store } = await auth.login()
    say(`Authenticated to ${auth.host} as ${key.account} (${admin.authType}; token kept in the ${store.kind})`)
  } else if (group === 'auth' && command === 'token') console.log(await auth.getAccessToken())
  else if (group === 'auth' && command === 'logout') await auth.logout()
  else if (group === 'get' && command) console.log(await (await auth.fetch(command)).text())
  else throw new ConfigError(`unknown command "${words.join(' ')}"`, { code: ErrorCode.USAGE_ERROR, hint: 'yamlcli auth login|token|logout, yamlcli get PATH' })
}

try {
  await main()
} catch (error) {
  const e = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? new ConfigError((error as Error).message, { code: ErrorCode.USAGE_ERROR }) : error
  if (!AuthError.isInstance(e)) throw e
  say(`error[${e.code}]: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`)
  process.exitCode = e.exitCode
}
