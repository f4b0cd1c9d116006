// End-to-end (issue 17): what an agent, docker and kubectl see. The BUILT binary against the real
// dev server, HOME and AUTHCLI_CONFIG_DIR in a temp folder, no terminal (stdin is a pipe), no
// D-Bus, AUTHCLI_STORE=file; the human's approval is driven over the dev server's device routes.
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BIN, baseEnv, requireBuilt, run, type RunResult, tempHome } from './_run.js'

const GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const EXEC_INFO = '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}'

let server: DevServer
let slow: DevServer
let short: DevServer
let dir: string
let home: string
let configDir: string

beforeAll(async () => {
  requireBuilt()
  ;[server, slow, short] = await Promise.all([
    startDevServer({ port: 0, deviceInterval: 0.05 }),
    startDevServer({ port: 0, deviceInterval: 3 }),
    startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 30 }),
  ])
})
afterAll(() => Promise.all([server?.close(), slow?.close(), short?.close()]))
beforeEach(async () => {
  ;({ dir, home, configDir } = await tempHome('agents'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const env = (extra: Record<string, string> = {}) => baseEnv(home, configDir, { AUTHCLI_STORE: 'file', ...extra })
const authcli = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => run(env(options.env), args, options.input)

function exits(result: RunResult, code: number): RunResult {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code)
  return result
}

/** The one JSON line on stderr of a failed `--json` run. */
function jsonError(result: RunResult): { code: string; message: string; hint?: string; login?: { command?: string; begin?: string } } {
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  return (JSON.parse(lines[0] as string) as { error: ReturnType<typeof jsonError> }).error
}

interface Begun {
  handle: string
  user_code: string
  verification_uri: string
  verification_uri_complete: string
  expires_in: number
  interval: number
}

async function begin(target: DevServer, extra: string[] = []): Promise<{ result: RunResult; begun: Begun }> {
  const result = exits(await authcli(['auth', 'login', '--device', '--begin', '--json', '--host', target.issuer, ...extra]), 0)
  return { result, begun: JSON.parse(result.stdout) as Begun }
}

/** The pending-login entries of the 0600 file store (the store an agent's begin used here). */
async function pendingEntries(): Promise<string[]> {
  const file = join(configDir, 'credentials')
  if (!existsSync(file)) return []
  const text = await readFile(file, 'utf8')
  return [...text.matchAll(/pending-login%3A[A-Za-z0-9_-]+/g)].map((m) => m[0])
}

describe('an agent with nobody logged in', () => {
  it('the whole loop: token → LOGIN_REQUIRED → begin → a human approves → resume → token', async () => {
    server.resetCounters()
    // 1. The agent asks for a token: one JSON error on stderr, exit 4, the begin command in it.
    const first = exits(await authcli(['auth', 'token', '--json', '--host', server.issuer]), 4)
    expect(first.stdout).toBe('')
    const required = jsonError(first)
    expect(required).toEqual({
      code: 'LOGIN_REQUIRED',
      message: `not logged in to ${server.issuer}`,
      hint: `run \`authcli auth login --host ${server.issuer}\``,
      login: { command: `authcli auth login --host ${server.issuer}`, begin: `authcli auth login --device --begin --json --host ${server.issuer}` },
    })

    // 2. It runs the begin command as given: one JSON object on stdout, exit 0 at once.
    const beginArgs = (required.login?.begin ?? '').split(' ').slice(1)
    const begun = exits(await authcli(beginArgs), 0)
    const code = JSON.parse(begun.stdout) as Begun
    expect(Object.keys(code)).toEqual(['handle', 'user_code', 'verification_uri', 'verification_uri_complete', 'expires_in', 'interval'])
    expect(code).toEqual({
      handle: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      user_code: expect.any(String),
      verification_uri: `${server.issuer}/device`,
      verification_uri_complete: expect.stringContaining(`${server.issuer}/device?user_code=`),
      expires_in: expect.any(Number),
      interval: 1,
    })
    expect(begun.stdout.split('\n')).toHaveLength(2) // one line
    expect(server.counters()[GRANT] ?? 0).toBe(0) // nothing polled yet

    // 3. Not approved yet: --no-wait asks once, exit 3, the status on stdout.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const pending = exits(await authcli(['auth', 'login', '--resume', code.handle, '--no-wait', '--json']), 3)
    expect(JSON.parse(pending.stdout)).toEqual({ status: 'pending', handle: code.handle, retry_after: 1, expires_in: expect.any(Number) })
    expect(jsonError(pending)).toMatchObject({ code: 'LOGIN_PENDING' })
    expect(server.counters()[GRANT]).toBe(1)

    // 4. The human approves on the verification page (the dev server's approval route).
    await server.approveDevice(code.user_code, { login: 'agent-human' })

    // 5. Resume (without --host: the handle finds its host): logged in, stored as any login.
    const resumed = exits(await authcli(['auth', 'login', '--resume', code.handle, '--json']), 0)
    expect(JSON.parse(resumed.stdout)).toEqual({ host: server.issuer, account: 'agent-human', flow: 'device', store: 'file', profile: 'default' })
    expect(await pendingEntries()).toEqual([])
    const config = await readFile(join(configDir, 'config.toml'), 'utf8')
    expect(config).toContain(`host = "${server.issuer}"`)
    expect(config).toContain('flow = "device"')
    expect(config).toContain('client_id = "authcli"')

    // 6. The token now comes out.
    const token = JSON.parse(exits(await authcli(['auth', 'token', '--json']), 0).stdout) as { token: string; source: string; account: string }
    expect(token).toMatchObject({ source: 'file', account: 'agent-human', host: server.issuer })
    expect((await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token.token}` } })).ok).toBe(true)
    // The device code never reached stdout or stderr of any step.
    const stored = await readFile(join(configDir, 'credentials'), 'utf8')
    expect(stored).not.toContain(code.user_code) // the pending entry is gone, with its device code
  })

  it('with no host configured at all, login.begin names --host URL', async () => {
    const result = exits(await authcli(['auth', 'token', '--json']), 4)
    expect(jsonError(result)).toEqual({
      code: 'LOGIN_REQUIRED',
      message: 'no host is configured',
      hint: 'run `authcli auth login --host URL`',
      login: { command: 'authcli auth login --host URL', begin: 'authcli auth login --device --begin --json --host URL' },
    })
  })

  it('never opens a browser or prompts without a terminal: auth login with no flow is a usage error at once', async () => {
    const result = exits(await authcli(['auth', 'login', '--json', '--host', server.issuer], { env: { BROWSER: '/bin/false', DISPLAY: ':0' } }), 2)
    expect(jsonError(result).code).toBe('USAGE_ERROR')
    expect(result.ms).toBeLessThan(5000)
  })
})

describe('auth login --begin / --resume', () => {
  it('store auto without a keychain: begin and resume each say the plain-text fallback on stderr, never silently', async () => {
    const auto = { env: { AUTHCLI_STORE: '' } }
    const warning = `warning: credentials saved in plain text in ${join(configDir, 'credentials')}; to protect them use --store encrypted (with AUTHCLI_ENCRYPTION_KEY) or a keychain`
    const begun = exits(await authcli(['auth', 'login', '--device', '--begin', '--json', '--host', server.issuer], auto), 0)
    const code = JSON.parse(begun.stdout) as Begun
    expect(begun.stderr.trimEnd().split('\n')).toEqual([warning])
    await server.approveDevice(code.user_code, { login: 'agent-human' })
    const resumed = exits(await authcli(['auth', 'login', '--resume', code.handle, '--json'], auto), 0)
    expect(JSON.parse(resumed.stdout)).toMatchObject({ account: 'agent-human', store: 'file' })
    expect(resumed.stderr.trimEnd().split('\n')).toEqual([warning])
  })

  it('keeps the device code in the credential store only: not on stdout, stderr or in argv', async () => {
    const { result, begun } = await begin(server)
    const entries = await pendingEntries()
    expect(entries).toEqual([`pending-login%3A${begun.handle}`])
    const file = JSON.parse(await readFile(join(configDir, 'credentials'), 'utf8')) as Record<string, unknown>
    const raw = JSON.stringify(file)
    const deviceCode = /\\"secret\\":\\"([^\\"]+)\\"/.exec(raw)?.[1]
    expect(deviceCode).toEqual(expect.any(String))
    expect(result.stdout + result.stderr).not.toContain(deviceCode as string)
    // `auth status` and `auth token` do not take the pending entry for a credential.
    exits(await authcli(['auth', 'token', '--host', server.issuer]), 4)
  })

  it('--debug logs the requests, never the device code or the tokens', async () => {
    const begun = exits(await authcli(['auth', 'login', '--device', '--begin', '--json', '--debug', '--host', server.issuer]), 0)
    const { handle, user_code } = JSON.parse(begun.stdout) as Begun
    const raw = JSON.stringify(JSON.parse(await readFile(join(configDir, 'credentials'), 'utf8')))
    const deviceCode = /\\"secret\\":\\"([^\\"]+)\\"/.exec(raw)?.[1] as string
    expect(deviceCode.length).toBeGreaterThan(10)
    expect(begun.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/device\/auth/)
    await server.approveDevice(user_code, { login: 'debugger' })
    const resumed = exits(await authcli(['auth', 'login', '--resume', handle, '--debug']), 0)
    expect(resumed.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/token/)
    const token = exits(await authcli(['auth', 'token']), 0).stdout.trim()
    for (const output of [begun.stdout, begun.stderr, resumed.stdout, resumed.stderr]) {
      expect(output).not.toContain(deviceCode)
      expect(output).not.toContain(token)
    }
  })

  it('a second --begin supersedes the first: the old handle is no longer pending', async () => {
    const first = (await begin(server)).begun
    const second = (await begin(server)).begun
    expect(await pendingEntries()).toEqual([`pending-login%3A${second.handle}`])
    const old = exits(await authcli(['auth', 'login', '--resume', first.handle, '--host', server.issuer, '--json']), 4)
    expect(jsonError(old)).toMatchObject({ code: 'LOGIN_REQUIRED', login: { begin: `authcli auth login --device --begin --json --host ${server.issuer}` } })
    await server.approveDevice(second.user_code, { login: 'second' })
    exits(await authcli(['auth', 'login', '--resume', second.handle]), 0)
  })

  it('denied: exit 4 ACCESS_DENIED and the pending state removed', async () => {
    const { begun } = await begin(server)
    await server.denyDevice(begun.user_code)
    const denied = exits(await authcli(['auth', 'login', '--resume', begun.handle, '--json']), 4)
    expect(jsonError(denied)).toMatchObject({ code: 'ACCESS_DENIED', login: { begin: `authcli auth login --device --begin --json --host ${server.issuer}` } })
    expect(await pendingEntries()).toEqual([])
    expect(jsonError(exits(await authcli(['auth', 'login', '--resume', begun.handle, '--json']), 4)).code).toBe('LOGIN_REQUIRED')
  })

  it('respects the interval across resumes: a --no-wait before the next allowed time sends nothing', async () => {
    slow.resetCounters()
    const { begun } = await begin(slow)
    expect(begun.interval).toBe(3)
    const early = exits(await authcli(['auth', 'login', '--resume', begun.handle, '--no-wait', '--json']), 3)
    expect(JSON.parse(early.stdout)).toMatchObject({ status: 'pending', retry_after: expect.any(Number) })
    expect(JSON.parse(early.stdout).retry_after).toBeGreaterThanOrEqual(1)
    expect(slow.counters()[GRANT] ?? 0).toBe(0)
    await slow.approveDevice(begun.user_code, { login: 'patient' })
    // Waiting resume: sleeps until the allowed time, then one request.
    const done = exits(await authcli(['auth', 'login', '--resume', begun.handle, '--json']), 0)
    expect(JSON.parse(done.stdout)).toMatchObject({ account: 'patient' })
    expect(slow.counters()[GRANT]).toBe(1)
  })

  it('usage errors: --begin with another flow, --no-wait without --resume, a malformed handle', async () => {
    expect(jsonError(exits(await authcli(['auth', 'login', '--begin', '--web', '--json', '--host', server.issuer]), 2)).code).toBe('USAGE_ERROR')
    expect(jsonError(exits(await authcli(['auth', 'login', '--no-wait', '--json']), 2)).code).toBe('USAGE_ERROR')
    expect(jsonError(exits(await authcli(['auth', 'login', '--resume', 'x;rm -rf', '--json']), 2)).code).toBe('USAGE_ERROR')
    expect(jsonError(exits(await authcli(['auth', 'login', '--begin', '--store', 'memory', '--json', '--host', server.issuer]), 2)).code).toBe('USAGE_ERROR')
  })
})

describe('AUTHCLI_TOKEN and a login', () => {
  it('a login while AUTHCLI_TOKEN is set stores the credential and warns that the variable overrides it', async () => {
    const { begun } = await begin(server)
    await server.approveDevice(begun.user_code, { login: 'shadowed' })
    const resumed = exits(await authcli(['auth', 'login', '--resume', begun.handle], { env: { AUTHCLI_TOKEN: 'from-the-environment-123' } }), 0)
    expect(resumed.stderr).toContain(`warning: AUTHCLI_TOKEN is set: it overrides the credential just saved for ${server.issuer}; unset it to use the saved one`)
    expect(exits(await authcli(['auth', 'token'], { env: { AUTHCLI_TOKEN: 'from-the-environment-123' } }), 0).stdout).toBe('from-the-environment-123\n')
    expect(JSON.parse(exits(await authcli(['auth', 'token', '--json']), 0).stdout)).toMatchObject({ source: 'file', account: 'shadowed' })
  })
})

/** Logs in through begin/resume (an approved device login) and returns the token. */
async function loggedIn(target: DevServer, login: string): Promise<string> {
  const { begun } = await begin(target)
  await target.approveDevice(begun.user_code, { login })
  exits(await authcli(['auth', 'login', '--resume', begun.handle]), 0)
  return exits(await authcli(['auth', 'token']), 0).stdout.trim()
}

/** Runs a program as docker's credential-helper client does: `program op`, stdin bytes, stdout captured. */
function helper(program: string, args: string[], input: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(program, args, { env: env() })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
    child.stdin.on('error', () => {})
    child.stdin.end(input)
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }))
  })
}

describe.skipIf(!existsSync('/usr/bin/git'))("git's credential-helper protocol: the real `git credential fill`", () => {
  it('the exact bytes git sends the helper and the helper answers, recorded in between', async () => {
    const token = await loggedIn(server, 'gita')
    const expiry = Math.floor(Date.parse(JSON.parse(exits(await authcli(['auth', 'token', '--json']), 0).stdout).expiresAt) / 1000)
    const log = join(dir, 'git-helper-')
    // The helper, wrapped so that what crosses the pipe is kept: git's request in `in`, the answer in `out`.
    const helperCommand = `!f() { tee "${log}in" | "${process.execPath}" "${BIN}" auth git-credential "$@" | tee "${log}out"; }; f`
    const host = new URL(server.issuer).host
    const filled = await new Promise<RunResult>((resolve) => {
      const child = spawn('/usr/bin/git', ['-c', `credential.helper=${helperCommand}`, 'credential', 'fill'], {
        cwd: dir,
        env: { ...env(), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '' },
      })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
      child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
      child.stdin.end(`protocol=http\nhost=${host}\n\n`)
      child.on('close', (code) => resolve({ code, stdout, stderr, ms: 0 }))
    })
    exits(filled, 0)
    // git 2.39 writes the attributes and closes the pipe (no blank line).
    expect(await readFile(`${log}in`, 'utf8')).toBe(`protocol=http\nhost=${host}\n`)
    expect(await readFile(`${log}out`, 'utf8')).toBe(`username=gita\npassword=${token}\npassword_expiry_utc=${expiry}\n`)
    // git 2.39 keeps password_expiry_utc to itself (2.41+ passes it on).
    expect(filled.stdout).toBe(`protocol=http\nhost=${host}\nusername=gita\npassword=${token}\n`)
  })
})

describe("docker's credential-helper protocol (the bytes of docker-credential-helpers' client)", () => {
  it('get / list / store / erase as docker-credential-authcli (argv[0]), exact bytes', async () => {
    const token = await loggedIn(server, 'dora')
    const bin = join(dir, 'bin')
    await mkdir(bin)
    const program = join(bin, 'docker-credential-authcli')
    await symlink(BIN, program)
    const address = new URL(server.issuer).host // 127.0.0.1:PORT, as `docker login 127.0.0.1:PORT` keys it

    // client.Get: stdin is the server URL with no newline; stdout one JSON object and a newline.
    const got = exits(await helper(program, ['get'], address), 0)
    expect(got.stdout).toBe(`{"ServerURL":"${address}","Username":"dora","Secret":"${token}"}\n`)
    expect(got.stderr).toBe('')
    const withScheme = exits(await helper(program, ['get'], `${server.issuer}/v2/`), 0)
    expect(withScheme.stdout).toBe(`{"ServerURL":"${server.issuer}/v2/","Username":"dora","Secret":"${token}"}\n`)

    // Another server, a rewritten spelling of this one, https for an http host: not found, exit 1.
    for (const other of ['registry.example.com', `0x7f.0.0.1:${new URL(server.issuer).port}`, `https://${address}`, `${address}.evil.com`, `evil.com@${address}`]) {
      const miss = exits(await helper(program, ['get'], other), 1)
      expect(miss.stdout).toBe('credentials not found in native keychain\n')
      expect(miss.stdout + miss.stderr).not.toContain(token)
    }
    expect(exits(await helper(program, ['get'], ''), 1).stdout).toBe('no credentials server URL\n')

    // client.List: stdin "unused"; stdout the map.
    expect(exits(await helper(program, ['list'], 'unused'), 0).stdout).toBe(`{"${address}":"dora"}\n`)

    // client.Store: stdin json.Encoder's line. The token it handed out: accepted, nothing changes.
    const same = exits(await helper(program, ['store'], `{"ServerURL":"${address}","Username":"dora","Secret":"${token}"}\n`), 0)
    expect(same.stdout).toBe('')
    // Another secret (a password typed into docker login), or another server: refused, exit 1.
    const typed = exits(await helper(program, ['store'], `{"ServerURL":"${address}","Username":"dora","Secret":"hunter2-typed"}\n`), 1)
    expect(typed.stdout).toBe(`this helper hands out the login for ${address} and stores nothing else; log in with \`authcli auth login\`\n`)
    expect(exits(await helper(program, ['store'], '{"ServerURL":"registry.example.com","Username":"u","Secret":"s"}\n'), 1).stdout).toContain('stores nothing else')
    expect(exits(await helper(program, ['store'], '{"ServerURL":"","Username":"u","Secret":"s"}\n'), 1).stdout).toBe('no credentials server URL\n')
    expect(exits(await helper(program, ['store'], `{"ServerURL":"${address}","Username":"","Secret":"s"}\n`), 1).stdout).toBe('no credentials username\n')
    expect(exits(await authcli(['auth', 'token']), 0).stdout.trim()).toBe(token)

    // client.Erase: the server URL; `docker logout` logs out (revoked, forgotten).
    expect(exits(await helper(program, ['erase'], 'registry.example.com'), 1).stdout).toBe('credentials not found in native keychain\n')
    expect(exits(await helper(program, ['erase'], address), 0).stdout).toBe('')
    expect(exits(await helper(program, ['get'], address), 1).stdout).toBe('credentials not found in native keychain\n')
    expect(exits(await helper(program, ['list'], 'unused'), 0).stdout).toBe('{}\n')
    exits(await authcli(['auth', 'token']), 4)
    expect((await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })).ok).toBe(false)

    // An unknown action, as docker's helpers answer it.
    expect(exits(await helper(program, ['version2'], ''), 1).stdout).toBe('Unknown credential action `version2`\n')
  })

  it('get renews a token that is about to expire before handing it to docker', async () => {
    const first = await loggedIn(short, 'renewed') // 30 s tokens: always inside the 60 s skew
    const address = new URL(short.issuer).host
    const got = exits(await authcli(['docker-credential', 'get'], { input: address }), 0)
    const { Secret } = JSON.parse(got.stdout) as { Secret: string }
    expect(Secret).not.toBe(first)
    expect((await fetch(`${short.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${Secret}` } })).ok).toBe(true)
  })

  it('nothing configured: every get is not found, list is {}', async () => {
    expect(exits(await authcli(['docker-credential', 'get'], { input: 'registry.example.com' }), 1).stdout).toBe('credentials not found in native keychain\n')
    expect(exits(await authcli(['docker-credential', 'list'], { input: 'unused' }), 0).stdout).toBe('{}\n')
  })
})

describe("kubectl's exec plugin: auth token --format k8s", () => {
  it('prints an ExecCredential, renewed first when needed, with KUBERNETES_EXEC_INFO as kubectl sets it', async () => {
    const first = await loggedIn(short, 'kube') // 30 s tokens: always within the 60 s skew
    const result = exits(await authcli(['auth', 'token', '--format', 'k8s'], { env: { KUBERNETES_EXEC_INFO: EXEC_INFO } }), 0)
    expect(result.stderr).toBe('')
    const credential = JSON.parse(result.stdout) as { apiVersion: string; kind: string; status: { token: string; expirationTimestamp: string } }
    expect(credential).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: expect.any(String), expirationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
    })
    expect(credential.status.token).not.toBe(first) // renewed before it was handed out
    const left = Date.parse(credential.status.expirationTimestamp) - Date.now()
    expect(left).toBeGreaterThan(20_000)
    expect(left).toBeLessThanOrEqual(31_000)
    expect((await fetch(`${short.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${credential.status.token}` } })).ok).toBe(true)

    // v1beta1 is answered in v1beta1; a kind or version it does not speak is a usage error (exit 2).
    const beta = exits(await authcli(['auth', 'token', '--format', 'k8s'], { env: { KUBERNETES_EXEC_INFO: EXEC_INFO.replace('/v1"', '/v1beta1"') } }), 0)
    expect(JSON.parse(beta.stdout).apiVersion).toBe('client.authentication.k8s.io/v1beta1')
    expect(exits(await authcli(['auth', 'token', '--format', 'k8s'], { env: { KUBERNETES_EXEC_INFO: '{"kind":"Pod"}' } }), 2).stderr).toContain('KUBERNETES_EXEC_INFO is not an ExecCredential')
    expect(exits(await authcli(['auth', 'token', '--format', 'yaml']), 2).stderr).toContain('--format must be k8s')
  })

  it('not logged in: exit 4 with the error on stderr, nothing on stdout (kubectl shows stderr)', async () => {
    const result = exits(await authcli(['auth', 'token', '--format', 'k8s', '--host', server.issuer], { env: { KUBERNETES_EXEC_INFO: EXEC_INFO } }), 4)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^error\[LOGIN_REQUIRED\]/)
  })
})

const HAS_KEYRING = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)

describe.skipIf(!HAS_KEYRING)('the pending login in a real keychain (gnome-keyring over a private D-Bus)', () => {
  it('begin keeps the device code in the Secret Service, not in a file; resume logs in; the entry is gone', async () => {
    const q = (a: string) => `'${a.replace(/'/g, "'\\''")}'`
    const cli = `${q(process.execPath)} ${q(BIN)}`
    const out = (name: string) => q(join(dir, name))
    // The human's approval goes over the dev server's HTTP route, from inside the same session script.
    const approve = `${q(process.execPath)} -e ${q(`fetch(process.argv[1] + '/_dev/device/approve', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_code: JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')).user_code, login: 'kira' }) }).then((r) => process.exit(r.ok ? 0 : 1))`)} ${q(server.issuer)} ${out('begin.json')}`
    const handle = `$(${q(process.execPath)} -e ${q("process.stdout.write(JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).handle)")} ${out('begin.json')})`
    const script = [
      'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      `${cli} auth login --device --begin --json --host ${q(server.issuer)} > ${out('begin.json')} 2> ${out('begin.err')}; echo $? > ${out('begin.code')}`,
      `secret-tool search --all service authcli > ${out('pending.txt')} 2>&1`,
      `ls -A ${q(configDir)} > ${out('files.txt')} 2>&1`,
      approve,
      `${cli} auth login --resume ${handle} --json > ${out('resume.json')} 2> ${out('resume.err')}; echo $? > ${out('resume.code')}`,
      `${cli} auth token --json > ${out('token.json')} 2>&1`,
      `secret-tool search --all service authcli > ${out('after.txt')} 2>&1`,
    ].join('\n')
    await writeFile(join(dir, 'script.sh'), script)
    const envs = { PATH: process.env.PATH ?? '', HOME: home, AUTHCLI_CONFIG_DIR: configDir }
    await new Promise((resolve) => spawn('dbus-run-session', ['--', 'sh', join(dir, 'script.sh')], { env: envs, stdio: 'ignore' }).on('close', resolve))
    const read = (name: string) => readFile(join(dir, name), 'utf8')
    expect((await read('begin.code')).trim(), await read('begin.err')).toBe('0')
    const begun = JSON.parse(await read('begin.json')) as Begun
    // The pending entry is in the keychain (its secret, the whole state, is not shown by search), no credentials file exists.
    expect(await read('pending.txt')).toContain(`pending-login%3A${begun.handle}`)
    expect(await read('files.txt')).not.toMatch(/^credentials$/m)
    expect((await read('resume.code')).trim(), await read('resume.err')).toBe('0')
    expect(JSON.parse(await read('resume.json'))).toEqual({ host: server.issuer, account: 'kira', flow: 'device', store: 'keychain', profile: 'default' })
    expect(JSON.parse(await read('token.json'))).toMatchObject({ source: 'keychain', account: 'kira' })
    const after = await read('after.txt')
    expect(after).not.toContain('pending-login')
    expect(after).toContain('kira')
  }, 60_000)
})
