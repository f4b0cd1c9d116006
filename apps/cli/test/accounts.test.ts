// End-to-end: several hosts and accounts, auth switch|whoami|refresh|git-credential and api, with
// the BUILT binary against real dev servers (HOME and AUTHCLI_CONFIG_DIR in a temp folder,
// AUTHCLI_STORE=file), and the real `git` for the credential helper.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { baseEnv, BIN, ok, requireBuilt, run, runAsync, type RunResult, tempHome } from './_run.js'

const GIT = '/usr/bin/git'

let one: DevServer
let two: DevServer
let dir: string
let home: string
let configDir: string

beforeAll(async () => {
  requireBuilt()
  ;[one, two] = await Promise.all([startDevServer({ port: 0, deviceInterval: 0.05 }), startDevServer({ port: 0, deviceInterval: 0.05 })])
})
afterAll(async () => {
  await Promise.all([one?.close(), two?.close()])
})
beforeEach(async () => {
  ;({ dir, home, configDir } = await tempHome('accounts'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const env = (extra: Record<string, string> = {}) => baseEnv(home, configDir, { AUTHCLI_STORE: 'file', ...extra })
const authcli = (args: string[], input?: string) => run(env(), args, input)
const configText = () => readFile(join(configDir, 'config.toml'), 'utf8')
const activeProfile = async () => /^active_profile = "([^"]+)"/m.exec(await configText())?.[1]
const storedCredentials = async () =>
  JSON.parse(await readFile(join(configDir, 'credentials'), 'utf8')).credentials as Record<string, { accessToken: string; refreshToken?: string; expiresAt?: number }>

async function whoFor(server: DevServer, token: string): Promise<string | null> {
  const response = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })
  return response.ok ? ((await response.json()) as { login: string }).login : null
}

/** A device login approved as `login`: reads the code from stdout as it streams. */
async function deviceLogin(server: DevServer, login: string, extra: string[] = []): Promise<RunResult> {
  const running = runAsync(env(), ['auth', 'login', '--host', server.issuer, '--device', '--json', ...extra])
  const code = JSON.parse(await running.nextLine()) as { user_code: string }
  await server.approveDevice(code.user_code, { login })
  return ok(await running.done)
}

describe('two hosts, two accounts on one host', () => {
  it('switch between them; --host targets one without changing the active one; credentials never cross hosts', async () => {
    await deviceLogin(one, 'alice')
    await deviceLogin(one, 'bob')
    await deviceLogin(two, 'carol')
    const twoProfile = await activeProfile()
    expect(twoProfile).not.toBe('default')

    // --host on any command targets a host; the active profile stays.
    const bobToken = ok(await authcli(['auth', 'token', '--host', one.issuer])).stdout.trim()
    expect(await whoFor(one, bobToken)).toBe('bob')
    expect(await whoFor(two, bobToken)).toBeNull()
    expect(JSON.parse(ok(await authcli(['auth', 'whoami', '--json', '--host', one.issuer])).stdout)).toMatchObject({ host: one.issuer, account: 'bob', name: 'Bob', email: 'bob@example.test' })
    expect(JSON.parse(ok(await authcli(['api', '/api/v1/profile', '--host', one.issuer])).stdout).login).toBe('bob')
    expect(await activeProfile()).toBe(twoProfile)
    const carolToken = ok(await authcli(['auth', 'token'])).stdout.trim()
    expect(await whoFor(two, carolToken)).toBe('carol')
    expect(await whoFor(one, carolToken)).toBeNull()

    // Switch host, then account on that host.
    const toOne = ok(await authcli(['auth', 'switch', '--host', one.issuer]))
    expect(toOne.stderr).toBe(`✓ Switched to default: ${one.issuer} as bob\n`)
    expect(await activeProfile()).toBe('default')
    const toAlice = JSON.parse(ok(await authcli(['auth', 'switch', '--account', 'alice', '--json'])).stdout)
    expect(toAlice).toEqual({ active: 'default', host: one.issuer, account: 'alice' })
    expect(await configText()).toContain('account = "alice"')
    expect(await whoFor(one, ok(await authcli(['auth', 'token'])).stdout.trim())).toBe('alice')
    expect(ok(await authcli(['auth', 'whoami'])).stdout).toMatch(
      /^account: alice\nname: {4}Alice\nemail: {3}alice@example\.test\nhost: {4}http:\/\/127\.0\.0\.1:\d+\nflow: {4}device\nstore: {3}file\nexpires: /,
    )

    // Back to the other host by profile name; the account pin of the first host stays.
    ok(await authcli(['auth', 'switch', '--profile', twoProfile as string]))
    expect(await whoFor(two, ok(await authcli(['auth', 'token'])).stdout.trim())).toBe('carol')
    expect(await whoFor(one, ok(await authcli(['auth', 'token', '--host', one.issuer])).stdout.trim())).toBe('alice')

    const unknown = await authcli(['auth', 'switch', '--host', one.issuer, '--account', 'mallory'])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toMatch(/^error\[LOGIN_REQUIRED\]: not logged in to http:\/\/127\.0\.0\.1:\d+ as mallory\nhint: logged-in accounts on .*: (alice, bob|bob, alice); or run/)
    expect(await activeProfile()).toBe(twoProfile)
    const nowhere = await authcli(['auth', 'switch', '--host', 'https://nowhere.example'])
    expect(nowhere.code).toBe(4)
    expect((await authcli(['auth', 'switch'])).code).toBe(2)
  })
})

describe('auth refresh', () => {
  it('refreshes now with rotation written back; --scope narrows; widening needs a new login', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600 })
    try {
      await deviceLogin(short, 'dana')
      const [before] = Object.values(await storedCredentials())
      short.resetCounters()
      const refreshed = ok(await authcli(['auth', 'refresh']))
      expect(refreshed.stderr).toMatch(new RegExp(`^✓ Refreshed the token for ${short.issuer.replace(/\./g, '\\.')} \\(dana\\), expires \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(in 59m\\)\\n$`))
      expect(short.counters().refresh_token).toBe(1)
      const [after] = Object.values(await storedCredentials())
      expect(after?.accessToken).not.toBe(before?.accessToken)
      expect(after?.refreshToken).not.toBe(before?.refreshToken)
      // The rotated refresh token was written back: a second refresh spends it, and works.
      ok(await authcli(['auth', 'refresh']))
      expect(short.counters().refresh_token).toBe(2)
      expect(await whoFor(short, ok(await authcli(['auth', 'token'])).stdout.trim())).toBe('dana')
      expect(short.counters().refresh_token).toBe(2)

      const narrowed = JSON.parse(ok(await authcli(['auth', 'refresh', '--json', '--scope', 'openid profile'])).stdout)
      expect(narrowed).toEqual({ host: short.issuer, account: 'dana', expiresAt: expect.stringMatching(/^\d{4}-/), scopes: ['openid', 'profile'] })
      const wider = await authcli(['auth', 'refresh', '--scope', 'api:write'])
      expect(wider.code).toBe(2)
      expect(wider.stderr).toMatch(/^error\[USAGE_ERROR\]: a refresh can only narrow the scopes, and api:write was not granted at login/)
      expect(wider.stderr).toMatch(/^hint: log in again with the scopes you need: authcli auth login --host .* --scope api:write$/m)
    } finally {
      await short.close()
    }
  })

  it('a personal access token cannot be refreshed (exit 4)', async () => {
    const token = one.mintPat({ login: 'pat-user', scopes: ['api:read'] })
    ok(await authcli(['auth', 'login', '--host', one.issuer, '--token-stdin', '--profile-url', `${one.issuer}/api/v1/profile`], token))
    const result = await authcli(['auth', 'refresh'])
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/^error\[NOT_REFRESHABLE\]: personal access tokens cannot be refreshed/)
    expect(result.stderr).toContain('auth login --with-token')
  })
})

describe('auth whoami', () => {
  it('works offline (server gone) and warns when the token expires within 30 s; exit 4 when not logged in', async () => {
    const brief = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20 })
    await deviceLogin(brief, 'erin')
    await brief.close()
    const who = ok(await authcli(['auth', 'whoami', '--json']))
    expect(JSON.parse(who.stdout)).toEqual({
      host: brief.issuer,
      account: 'erin',
      name: 'Erin',
      email: 'erin@example.test',
      flow: 'device',
      store: 'file',
      expiresAt: expect.stringMatching(/^\d{4}-/),
    })
    expect(who.stderr).toMatch(/^warning: the token for http:\/\/127\.0\.0\.1:\d+ expires in \d+s; it is renewed on next use/)
    const none = await authcli(['auth', 'whoami', '--host', 'https://nowhere.example'])
    expect(none.code).toBe(4)
    expect(none.stderr).toMatch(/^error\[LOGIN_REQUIRED\]: not logged in to https:\/\/nowhere\.example/)
  })
})

/** Runs the real git with the temp HOME, no system config, and the CLI's environment. */
function git(args: string[], options: { cwd: string; input?: string }): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(GIT, args, { cwd: options.cwd, env: { ...env(), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
    // A child may exit without reading its stdin (git answering nothing): that is not an error here.
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }))
  })
}

describe.skipIf(!existsSync(GIT))('auth git-credential with the real git', () => {
  it('git credential fill gets the token for the active host, nothing for another host', async () => {
    await deviceLogin(one, 'frank')
    const token = ok(await authcli(['auth', 'token'])).stdout.trim()
    const repo = join(dir, 'repo')
    ok(await git(['init', '-q', repo], { cwd: dir }))
    ok(await git(['config', 'credential.helper', `!"${process.execPath}" "${BIN}" auth git-credential`], { cwd: repo }))
    const { host } = new URL(one.issuer)

    const filled = ok(await git(['credential', 'fill'], { cwd: repo, input: `protocol=http\nhost=${host}\n\n` }))
    expect(filled.stdout).toMatch(new RegExp(`^protocol=http\nhost=${host}\nusername=frank\npassword=${token}\n`))

    const other = await git(['credential', 'fill'], { cwd: repo, input: `protocol=http\nhost=${new URL(two.issuer).host}\n\n` })
    expect(other.code).not.toBe(0)
    expect(other.stdout).toBe('')
    expect(other.stderr).not.toContain(token)

    // store and erase change nothing: the token is managed by auth login / logout.
    ok(await git(['credential', 'approve'], { cwd: repo, input: `protocol=http\nhost=${host}\nusername=frank\npassword=${token}\n\n` }))
    ok(await git(['credential', 'reject'], { cwd: repo, input: `protocol=http\nhost=${host}\nusername=frank\npassword=${token}\n\n` }))
    expect(ok(await authcli(['auth', 'token'])).stdout.trim()).toBe(token)
  })

  it('garbage on stdin: exit 2, the value never echoed', async () => {
    const result = await authcli(['auth', 'git-credential', 'get'], 'password hunter2-hunter2\n\n')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^error\[USAGE_ERROR\]: git-credential: line 1 is not key=value$/m)
    expect(result.stderr).not.toContain('hunter2')
    const nul = await authcli(['auth', 'git-credential', 'get'], 'protocol=http\0\n\n')
    expect(nul.code).toBe(2)
    const huge = await authcli(['auth', 'git-credential', 'get'], `host=${'x'.repeat(70_000)}\n\n`)
    expect(huge.code).toBe(2)
    expect(huge.stderr).toContain('larger than 65536 bytes')
  })
})

describe('api', () => {
  it('sends the tenant (--tenant > AUTHCLI_TENANT); on a 401 renews once and retries', async () => {
    await deviceLogin(one, 'gina')
    const echo = JSON.parse(ok(await authcli(['api', '/api/v1/echo', '--tenant', 'acme'])).stdout)
    expect(echo).toMatchObject({ tenant: 'acme', login: 'gina', method: 'GET', path: '/api/v1/echo' })
    expect(JSON.parse(ok(await run(env({ AUTHCLI_TENANT: 'from-env' }), ['api', '/api/v1/echo'])).stdout).tenant).toBe('from-env')

    // The server no longer accepts the stored access token (it looks valid for an hour here).
    const file = join(configDir, 'credentials')
    const document = JSON.parse(await readFile(file, 'utf8'))
    const [id] = Object.keys(document.credentials)
    document.credentials[id as string].accessToken = 'not-a-token-the-server-knows-0123'
    await writeFile(file, JSON.stringify(document), { mode: 0o600 })
    one.resetCounters()
    const retried = ok(await authcli(['api', '/api/v1/echo', '--method', 'PUT', '--data', '{"n":1}', '--tenant', 'acme', '--debug']))
    expect(JSON.parse(retried.stdout)).toMatchObject({ tenant: 'acme', login: 'gina', method: 'PUT', body: { n: 1 } })
    expect(one.counters().refresh_token).toBe(1)
    expect(retried.stderr).toMatch(/HTTP PUT http:\/\/127\.0\.0\.1:\d+\/api\/v1\/echo -> 401 \(\d+ ms\)\n/)
    expect(retried.stderr).toMatch(/HTTP PUT http:\/\/127\.0\.0\.1:\d+\/api\/v1\/echo -> 200 \(\d+ ms\)\n/)
    expect(JSON.stringify(await storedCredentials())).not.toContain('not-a-token-the-server-knows')
  })

  it('401 that a renewal cannot fix: exit 4 INVALID_TOKEN; no server: exit 5; --data garbage or another host: exit 2', async () => {
    const token = one.mintPat({ login: 'hank', scopes: ['api:read'] })
    ok(await authcli(['auth', 'login', '--host', one.issuer, '--token-stdin', '--profile-url', `${one.issuer}/api/v1/profile`], token))
    one.revokePat(token)
    const refused = await authcli(['api', '/api/v1/profile', '--json'])
    expect(refused.code).toBe(4)
    expect(JSON.parse(refused.stderr.trim().split('\n').at(-1) as string)).toEqual({
      error: {
        code: 'INVALID_TOKEN',
        message: expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/profile: 401 Unauthorized: the server refused the token$/),
        hint: 'run `authcli auth login`',
      },
    })
    const garbage = await authcli(['api', '/api/v1/echo', '--data', "{'single': 'quotes'}"])
    expect(garbage.code).toBe(2)
    expect(garbage.stderr).toMatch(/^error\[USAGE_ERROR\]: --data is not valid JSON$/m)
    expect((await authcli(['api', 'https://evil.example/steal'])).code).toBe(2)

    const gone = await startDevServer({ port: 0 })
    const issuer = gone.issuer
    await gone.close()
    const down = await run(env({ AUTHCLI_TOKEN: 'any-token-0123456789', AUTHCLI_HOST: issuer }), ['api', '/api/v1/profile'])
    expect(down.code).toBe(5)
    expect(down.stderr).toMatch(/^error\[NETWORK_ERROR\]/m)
  })
})
