// Leak canaries: log in with every flow against the real dev server, using recognisable values
// where the test controls them (the client secret, the encryption key) and the real ones where
// it does not (the PAT the dev server mints, the access, refresh and ID tokens read back from the
// store, the authorization code of the browser flow), then run every command with --debug and
// scan what came out: stdout and stderr of every run (except the stdout of the commands whose job
// is to print a token), every file under the config folder and HOME except the store that must
// hold them (lock and temp files included), and the argv of the browser opener (BROWSER is a
// script that records its arguments). Any hit fails, naming where.
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { createEncryptedStore, parseEncryptionKey } from '@auth/store-encrypted'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, baseEnv, run, runAsync, type RunResult } from './_run.js'
import { fileURLToPath } from 'node:url'

const CLIENT_SECRET = 'CANARYclientSecret-9f1c2e7a5b3d'
const ENCRYPTION_KEY = 'CANARYencryptionKey-4e8d1a6c0f2b'
/** Stores whose file must hold the secrets: the only files not scanned. */
const STORE_FILES = new Set(['credentials', 'credentials.enc'])

let server: DevServer
let root: string
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npx tsup' in apps/cli (npm test does it)`)
  server = await startDevServer({ port: 0, deviceInterval: 0.05, clientSecret: CLIENT_SECRET })
  root = await mkdtemp(join(tmpdir(), 'authcli-canaries-'))
})
afterAll(async () => {
  await server?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

/** One place output went: a run's stdout or stderr, a file, the opener's argv. */
interface Output {
  where: string
  text: string
}

/** A sandbox for one flow: HOME, config folder, a BROWSER that records its argv, and every output kept. */
async function sandbox(name: string, extra: Record<string, string>) {
  const dir = join(root, name)
  const home = join(dir, 'home')
  const configDir = join(dir, 'config')
  const argvLog = join(dir, 'browser-argv')
  await mkdir(home, { recursive: true })
  const browser = join(dir, 'browser.sh')
  await writeFile(browser, `#!/bin/sh\nfor a in "$0" "$@"; do printf '%s\\n' "$a" >> '${argvLog}'; done\n`)
  await chmod(browser, 0o755)
  const env = baseEnv(home, configDir, { BROWSER: browser, ...extra })
  const outputs: Output[] = []
  // value -> kind, as the tokens are added below (these two were kind -> value: the words were checked, not the canaries).
  const secrets = new Map<string, string>([
    [CLIENT_SECRET, 'client secret'],
    [ENCRYPTION_KEY, 'encryption key'],
  ])
  const keep = (label: string, r: RunResult, printsToken = false): RunResult => {
    if (!printsToken) outputs.push({ where: `stdout of ${label}`, text: r.stdout })
    outputs.push({ where: `stderr of ${label}`, text: r.stderr })
    return r
  }
  return {
    dir,
    home,
    configDir,
    env,
    outputs,
    secrets,
    argvLog,
    run: async (args: string[], options: { input?: string; printsToken?: boolean } = {}) => keep(`authcli ${args.join(' ')}`, await run(env, [...args, '--debug'], options.input), options.printsToken),
    keep,
  }
}
type Box = Awaited<ReturnType<typeof sandbox>>

/** Adds the tokens the store holds now (the real access, refresh and ID tokens) to the canaries. */
async function harvestTokens(box: Box, store: 'file' | 'encrypted'): Promise<number> {
  let credentials: Array<{ accessToken?: string; refreshToken?: string; idToken?: string }> = []
  if (store === 'file') {
    const path = join(box.configDir, 'credentials')
    if (existsSync(path)) credentials = Object.values((JSON.parse(await readFile(path, 'utf8')) as { credentials: Record<string, never> }).credentials)
  } else {
    const encrypted = createEncryptedStore({ dir: box.configDir, key: parseEncryptionKey(ENCRYPTION_KEY, 'AUTHCLI_ENCRYPTION_KEY') })
    for (const key of await encrypted.list()) {
      const c = await encrypted.get(key)
      if (c) credentials.push(c)
    }
  }
  for (const c of credentials) {
    for (const [kind, value] of [
      ['access token', c.accessToken],
      ['refresh token', c.refreshToken],
      ['ID token', c.idToken],
    ] as const) {
      if (typeof value === 'string' && value.length >= 12) box.secrets.set(value, kind)
    }
  }
  return credentials.length
}

/** Every file under `dir` (recursively) except the store files, as outputs. */
async function filesUnder(dir: string, label: string): Promise<Output[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile() && !STORE_FILES.has(e.name))
  return Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name)
      return { where: `${label}/${relative(dir, path)}`, text: await readFile(path, 'latin1') }
    }),
  )
}

/** The canary values and the recognisable middle of each (a partial leak, a token cut in two, shows too). */
function needles(secrets: Map<string, string>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [value, kind] of secrets) {
    out.push([value, kind])
    if (value.length >= 32) out.push([value.slice(Math.floor(value.length / 2) - 8, Math.floor(value.length / 2) + 8), `${kind} (its middle 16 characters)`])
  }
  return out
}

/** Fails naming every place a canary shows up. Resolves how many outputs were scanned. */
async function scan(box: Box, stage: string): Promise<number> {
  const outputs = [...box.outputs, ...(await filesUnder(box.configDir, 'config dir')), ...(await filesUnder(box.home, 'HOME'))]
  if (existsSync(box.argvLog)) outputs.push({ where: 'argv of the browser opener', text: await readFile(box.argvLog, 'utf8') })
  const hits: string[] = []
  for (const { where, text } of outputs) {
    for (const [needle, kind] of needles(box.secrets)) if (text.includes(needle)) hits.push(`${stage}: the ${kind} in ${where}`)
    // V8's code cache (`.cache/*.v8`) is the CLI's code: it holds the parameter's name, never a value (the needles above).
    if (/code_verifier/.test(text) && !/^config dir\/\.cache\/[^/]+\.v8$/.test(where)) hits.push(`${stage}: a PKCE code_verifier in ${where}`)
  }
  expect(hits, hits.join('\n')).toEqual([])
  return outputs.length
}

/** Every command with --debug, as a logged-in user would run them; `logout` is run separately. */
async function everyCommand(box: Box, store: 'file' | 'encrypted', refreshable: boolean): Promise<void> {
  const host = new URL(server.issuer)
  const succeeds = (r: RunResult) => expect(r.code, r.stderr).toBe(0)
  succeeds(await box.run(['auth', 'status']))
  succeeds(await box.run(['auth', 'status', '--json']))
  succeeds(await box.run(['auth', 'status', '--show-token'], { printsToken: true }))
  // The control: what `auth token` prints is one of the canaries (the scan looks for real values).
  const token = await box.run(['auth', 'token'], { printsToken: true })
  expect(box.secrets.has(token.stdout.trim()), 'auth token printed a token the test did not read from the store').toBe(true)
  succeeds(await box.run(['auth', 'whoami']))
  succeeds(await box.run(['auth', 'whoami', '--json']))
  const refresh = await box.run(['auth', 'refresh'])
  expect(refresh.code, refresh.stderr).toBe(refreshable ? 0 : 4)
  await harvestTokens(box, store)
  succeeds(await box.run(['api', '/api/v1/profile']))
  await box.run(['api', '/api/v1/no-such-route'])
  await box.run(['auth', 'git-credential', 'get'], { input: `protocol=${host.protocol.slice(0, -1)}\nhost=${host.host}\n\n`, printsToken: true })
  await box.run(['auth', 'git-credential', 'get'], { input: 'protocol=https\nhost=other.example\n\n' })
  await box.run(['docker-credential', 'get'], { input: host.host, printsToken: true })
  await box.run(['docker-credential', 'get'], { input: 'other.example' })
  await box.run(['docker-credential', 'list'], { input: 'unused' })
  succeeds(await box.run(['auth', 'token', '--format', 'k8s'], { printsToken: true }))
  await box.run(['store', 'status'])
  await box.run(['config', 'list'])
  await box.run(['profiles', 'list'])
  await box.run(['auth', 'token', '--host', 'http://127.0.0.1:9'])
}

const stats = { canaries: new Set<string>(), outputs: 0, runs: 0 }
afterAll(() => {
  // The closing note's counts.
  console.log(`canaries: ${stats.canaries.size} secret values checked in ${stats.outputs} outputs from ${stats.runs} runs`)
})

async function finish(box: Box, store: 'file' | 'encrypted', refreshable = true): Promise<void> {
  expect(await harvestTokens(box, store)).toBeGreaterThan(0)
  await everyCommand(box, store, refreshable)
  stats.outputs += await scan(box, 'logged in')
  expect((await box.run(['auth', 'logout'])).code).toBe(0)
  stats.outputs += await scan(box, 'after logout')
  for (const value of box.secrets.keys()) stats.canaries.add(value)
  stats.runs += box.outputs.filter((o) => o.where.startsWith('stderr')).length
}

describe('leak canaries: every flow, every command with --debug', () => {
  it('a personal access token (file store)', async () => {
    const box = await sandbox('pat', { AUTHCLI_STORE: 'file' })
    const pat = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    box.secrets.set(pat, 'PAT')
    const login = await box.run(['auth', 'login', '--host', server.issuer, '--token-stdin', '--profile-url', `${server.issuer}/api/v1/profile`], { input: pat })
    expect(login.code, login.stderr).toBe(0)
    await finish(box, 'file', false)
  }, 60_000)

  it('client credentials with a canary client secret (file store)', async () => {
    const box = await sandbox('client-credentials', { AUTHCLI_STORE: 'file', AUTHCLI_CLIENT_SECRET: CLIENT_SECRET })
    const login = await box.run(['auth', 'login', '--host', server.issuer, '--client-credentials', '--client-id', server.clients.confidential.clientId, '--scope', 'api:read'])
    expect(login.code, login.stderr).toBe(0)
    await finish(box, 'file')
  }, 60_000)

  it('the device flow (encrypted store, canary encryption key)', async () => {
    const box = await sandbox('device', { AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: ENCRYPTION_KEY })
    const running = runAsync(box.env, ['auth', 'login', '--host', server.issuer, '--device', '--json', '--debug'])
    const line = await running.nextLine()
    const code = JSON.parse(line) as Record<string, unknown>
    expect(Object.keys(code)).not.toContain('device_code')
    await server.approveDevice(String(code['user_code']), { login: 'erin' })
    const login = box.keep('authcli auth login --device --json', await running.done)
    expect(login.code, login.stderr).toBe(0)
    await finish(box, 'encrypted')
  }, 60_000)

  it('the non-blocking device login: --begin / --resume (encrypted store); the device code stays in the store', async () => {
    const box = await sandbox('device-begin', { AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: ENCRYPTION_KEY })
    const begun = await box.run(['auth', 'login', '--device', '--begin', '--json', '--host', server.issuer])
    expect(begun.code, begun.stderr).toBe(0)
    // The device code, read back from the store that must hold it.
    const encrypted = createEncryptedStore({ dir: box.configDir, key: parseEncryptionKey(ENCRYPTION_KEY, 'AUTHCLI_ENCRYPTION_KEY') })
    const [pendingKey] = (await encrypted.list()).filter((k) => k.account.startsWith('pending-login:'))
    const pending = pendingKey && (await encrypted.get(pendingKey))
    const deviceCode = (JSON.parse(pending ? pending.accessToken : '{}') as { pending?: { secret?: string } }).pending?.secret ?? ''
    expect(deviceCode.length).toBeGreaterThan(10)
    box.secrets.set(deviceCode, 'device code')
    const { handle, user_code } = JSON.parse(begun.stdout) as { handle: string; user_code: string }
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect((await box.run(['auth', 'login', '--resume', handle, '--no-wait', '--json'])).code).toBe(3)
    await server.approveDevice(user_code, { login: 'frank' })
    const resumed = await box.run(['auth', 'login', '--resume', handle, '--json'])
    expect(resumed.code, resumed.stderr).toBe(0)
    await finish(box, 'encrypted')
  }, 60_000)

  it('the browser flow: PKCE over the loopback listener (encrypted store); the opener gets no secret', async () => {
    const box = await sandbox('pkce', { AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: ENCRYPTION_KEY })
    const running = runAsync(box.env, ['auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port-range', '28765-28769', '--debug'])
    let url = ''
    for (let i = 0; i < 400 && url === ''; i++) {
      if (existsSync(box.argvLog)) url = (await readFile(box.argvLog, 'utf8')).split('\n').find((a) => a.startsWith('file:')) ?? ''
      if (url === '') await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(url, 'BROWSER was never called').not.toBe('')
    // The opener got a private page (never the authorization URL); the browser reads it as the user.
    const launch = await readFile(fileURLToPath(url), 'utf8')
    const target = (/content="0;url=([^"]+)"/.exec(launch)?.[1] ?? '').replaceAll('&#38;', '&')
    const redirect = await server.authorize(target, { login: 'alice' })
    box.secrets.set(new URL(redirect).searchParams.get('code') ?? '', 'authorization code')
    const page = await fetch(redirect)
    box.outputs.push({ where: 'the success page', text: await page.text() })
    const login = box.keep('authcli auth login --web', await running.done)
    expect(login.code, login.stderr).toBe(0)
    await finish(box, 'encrypted')
  }, 60_000)
})
