// The contract (shared/design/CLI.md), row by row, against the BUILT binary and the real dev
// server: this file covers the `auth` rows of the Commands table. The other rows are in
// contract-commands.test.ts, the Environment and Files tables and `auth status --json` in
// contract-env.test.ts, the exit codes and output rules in contract-exit.test.ts.
// A row that the CLI does not implement yet is an `it.todo` naming it.
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { spawn } from 'node:child_process'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BIN, clientLogin, deviceLogin, fails, fileCredentials, ok, patLogin, profileUrl, sandbox, whoIs, type Sandbox } from './_contract.js'

let server: DevServer
let box: Sandbox
beforeAll(async () => void (server = await startDevServer({ port: 0, deviceInterval: 0.05 })))
afterAll(() => server?.close())
beforeEach(async () => void (box = await sandbox()))
afterEach(() => box?.cleanup())

const secret = () => server.clients.confidential.clientSecret
const token = async (args: string[] = [], env: Record<string, string> = {}) => ok(await box.authcli(['auth', 'token', ...args], { env })).stdout.trim()

describe('row: authcli auth login', () => {
  it('--with-token TOKEN / --with-token (stdin) / --token-stdin: a PAT, checked against --profile-url, stored', async () => {
    const first = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const argv = ok(await box.authcli(['auth', 'login', '--host', server.issuer, '--with-token', first, '--profile-url', profileUrl(server)]))
    expect(argv.stderr).toMatch(/^warning: .*visible to other users/m)
    expect(await token()).toBe(first)
    const second = server.mintPat({ login: 'bob', scopes: ['api:read'] })
    ok(await box.authcli(['auth', 'login', '--host', server.issuer, '--with-token', '--profile-url', profileUrl(server)], { input: `${second}\n` }))
    expect(await token()).toBe(second)
    const third = await patLogin(box, server, 'carol')
    expect(await token()).toBe(third)
  })

  it('--client-credentials --client-id with the secret from AUTHCLI_CLIENT_SECRET, --client-secret-file or --client-secret-env', async () => {
    await clientLogin(box, server)
    expect((await whoIs(server, await token()))?.clientId).toBe('authcli-confidential')
    const file = join(box.dir, 'secret')
    await writeFile(file, secret(), { mode: 0o600 })
    const base = ['auth', 'login', '--host', server.issuer, '--client-credentials', '--client-id', 'authcli-confidential', '--scope', 'api:read']
    ok(await box.authcli([...base, '--profile', 'f', '--client-secret-file', file]))
    expect(await whoIs(server, await token(['--profile', 'f']))).toMatchObject({ clientId: 'authcli-confidential' })
    ok(await box.authcli([...base, '--profile', 'e', '--client-secret-env', 'MY_SECRET'], { env: { MY_SECRET: secret() } }))
    expect(await whoIs(server, await token(['--profile', 'e'], { MY_SECRET: secret() }))).toMatchObject({ clientId: 'authcli-confidential' })
    for (const name of ['config.toml', 'credentials']) expect(await box.read(name)).not.toContain(secret())
  })

  it('--device: with --json the device code is one JSON object on stdout before polling; --no-qr', async () => {
    const running = box.start(['auth', 'login', '--host', server.issuer, '--device', '--json', '--no-qr'])
    const first = JSON.parse(await running.nextLine()) as Record<string, unknown>
    expect(first).toEqual({ verification_uri: expect.any(String), verification_uri_complete: expect.any(String), user_code: expect.any(String), expires_in: expect.any(Number) })
    await server.approveDevice(first.user_code as string, { login: 'erin' })
    const result = ok(await running.done)
    expect(JSON.parse(result.stdout.trim().split('\n')[1] as string)).toEqual({ host: server.issuer, account: 'erin', flow: 'device', store: 'file', profile: 'default' })
    expect(result.stderr).not.toMatch(/[▀▄█]/)
    expect((await whoIs(server, await token()))?.login).toBe('erin')
  })

  it('the device flow is the default over SSH / without a display when a user is at the terminal; without one, exit 2 naming the flags', async () => {
    const result = fails(await box.authcli(['auth', 'login', '--host', server.issuer]), 2, 'USAGE_ERROR')
    expect(result.stderr).toMatch(/--with-token.*--client-credentials.*--device/)
  })

  it('--web with no browser to open keeps waiting (the URL printed), then --timeout: exit 4 LOGIN_TIMEOUT, nothing stored', async () => {
    const result = fails(await box.authcli(['auth', 'login', '--host', server.issuer, '--web', '--timeout', '2'], { env: { BROWSER: '/nonexistent-browser' } }), 4, 'LOGIN_TIMEOUT')
    expect(result.stderr).toContain(`${server.issuer}/auth?`)
    expect(result.stderr).toMatch(/redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A876\d%2Fcallback/)
    expect(result.stderr).not.toMatch(/code_verifier/)
    fails(await box.authcli(['auth', 'token']), 4, 'LOGIN_REQUIRED')
  })

  // --no-browser (paste-back on stdin, whole URL or bare code) and --web in real Chromium: test/pkce-cli.test.ts, test/pkce-browser.test.ts.

  it('--host URL with --issuer URL (which defaults to the host)', async () => {
    const host = `${server.issuer}/api`
    await deviceLogin(box, server, 'erin', ['--host', host, '--issuer', server.issuer])
    const status = JSON.parse(ok(await box.authcli(['auth', 'status', '--json'])).stdout) as { profiles: Array<{ host: string }> }
    expect(status.profiles[0]?.host).toBe(host)
    expect(await box.read('config.toml')).toContain(`issuer = "${server.issuer}"`)
    expect((await whoIs(server, await token()))?.login).toBe('erin')
  })

  it('--client-id ID, else AUTHCLI_CLIENT_ID, else the config, else the build-time default (authcli)', async () => {
    const env = { AUTHCLI_CLIENT_SECRET: secret() }
    const cc = ['auth', 'login', '--host', server.issuer, '--client-credentials', '--scope', 'api:read']
    ok(await box.authcli([...cc, '--profile', 'a'], { env: { ...env, AUTHCLI_CLIENT_ID: 'authcli-confidential' } }))
    ok(await box.authcli(['config', 'set', 'client_id', 'authcli-post', '--profile', 'b']))
    ok(await box.authcli([...cc, '--profile', 'b'], { env }))
    ok(await box.authcli([...cc, '--profile', 'c', '--client-id', 'authcli-post'], { env: { ...env, AUTHCLI_CLIENT_ID: 'authcli-confidential' } }))
    expect((await whoIs(server, await token(['--profile', 'a'], env)))?.clientId).toBe('authcli-confidential')
    expect((await whoIs(server, await token(['--profile', 'b'], env)))?.clientId).toBe('authcli-post')
    expect((await whoIs(server, await token(['--profile', 'c'], env)))?.clientId).toBe('authcli-post')
    await deviceLogin(box, server, 'erin', ['--profile', 'd'])
    expect(await box.read('config.toml')).toMatch(/\[profiles\.d\][^[]*client_id = "authcli"/)
  })

  it('--scope S, repeatable', async () => {
    await clientLogin(box, server, ['api:read', 'api:write'])
    expect((await whoIs(server, await token()))?.scopes).toEqual(['api:read', 'api:write'])
  })

  it('--tenant SLUG and --profile NAME are recorded', async () => {
    await patLogin(box, server, 'alice', ['--profile', 'work', '--tenant', 'acme'])
    expect(ok(await box.authcli(['config', 'get', 'tenant', '--profile', 'work'])).stdout).toBe('acme\n')
    expect(JSON.parse(ok(await box.authcli(['profiles', 'list', '--json'])).stdout)).toMatchObject({ active: 'work' })
  })

  it('--store auto|keychain|file|encrypted|memory: fail closed when the chosen one is not available', async () => {
    const key = { AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') }
    await patLogin(box, server, 'alice', ['--store', 'encrypted'], key)
    expect(existsSync(box.file('credentials.enc'))).toBe(true)
    expect(existsSync(box.file('credentials'))).toBe(false)
    const memory = ok(
      await box.authcli(['auth', 'login', '--host', server.issuer, '--profile', 'm', '--store', 'memory', '--token-stdin', '--profile-url', profileUrl(server)], {
        input: server.mintPat({ login: 'm', scopes: ['api:read'] }),
      }),
    )
    expect(memory.stderr).toContain('warning: the memory store forgets the credential when this command ends')
    fails(
      await box.authcli(['auth', 'login', '--host', server.issuer, '--store', 'keychain', '--token-stdin', '--profile-url', profileUrl(server)], {
        input: server.mintPat({ login: 'k', scopes: ['api:read'] }),
        env: { DBUS_SESSION_BUS_ADDRESS: '' },
      }),
      6,
      'STORAGE_ERROR',
    )
    fails(await box.authcli(['auth', 'login', '--host', server.issuer, '--store', 'nope', '--with-token']), 2)
  })

  it('--timeout SECONDS ends an unapproved device login: exit 4 LOGIN_TIMEOUT, nothing stored', async () => {
    const result = fails(await box.authcli(['auth', 'login', '--host', server.issuer, '--device', '--timeout', '0.3']), 4, 'LOGIN_TIMEOUT')
    expect(result.ms).toBeLessThan(3000)
    expect(existsSync(box.file('credentials'))).toBe(false)
  })

  it('--insecure allows a non-loopback http:// host, with a warning; without it, exit 2', async () => {
    const args = ['auth', 'login', '--host', 'http://api.authcli-test.invalid', '--token-stdin', '--profile-url', profileUrl(server), '--debug']
    const input = server.mintPat({ login: 'ian', scopes: ['api:read'] })
    expect(fails(await box.authcli(args, { input }), 2).stderr).toContain('--insecure')
    const result = ok(await box.authcli([...args, '--insecure'], { input }))
    expect(result.stderr).toMatch(/^warning: --insecure: talking to http:\/\/api\.authcli-test\.invalid over plain http/m)
    expect(result.stderr).not.toMatch(/HTTP \w+ http:\/\/api\.authcli-test\.invalid/)
  })
})

describe('row: authcli auth status', () => {
  it('every profile: account, flow, store, expiry, scopes, active; tokens masked unless --show-token; exit 0', async () => {
    const pat = await patLogin(box, server, 'alice')
    await clientLogin(box, server, ['api:read'], ['--profile', 'ci'])
    ok(await box.authcli(['profiles', 'use', 'default']))
    const text = ok(await box.authcli(['auth', 'status'])).stdout
    for (const part of ['default (active)', 'ci', 'alice', 'pat', 'client-credentials', 'file', 'api:read', `${pat.slice(0, 4)}****`]) expect(text).toContain(part)
    expect(text).not.toContain(pat)
    expect(ok(await box.authcli(['auth', 'status', '--show-token'])).stdout).toContain(pat)
  })

  it('exit 4 when the active profile holds no usable credential (after printing)', async () => {
    await patLogin(box, server, 'alice')
    ok(await box.authcli(['config', 'set', 'profiles.empty.host', 'https://empty.example.com']))
    ok(await box.authcli(['profiles', 'use', 'empty']))
    const result = fails(await box.authcli(['auth', 'status']), 4)
    expect(result.stdout).toContain('empty (active)')
    expect(result.stdout).toContain('alice')
  })
})

describe('row: authcli auth token', () => {
  it('prints only the access token of the active (or --host / --profile) credential', async () => {
    const a = await patLogin(box, server, 'alice')
    const b = await patLogin(box, server, 'bob', ['--profile', 'b'])
    expect(ok(await box.authcli(['auth', 'token'])).stdout).toBe(`${b}\n`)
    expect(await token(['--profile', 'default'])).toBe(a)
    ok(await box.authcli(['profiles', 'use', 'default']))
    expect(await token()).toBe(a)
    expect(await token(['--host', server.issuer])).toBe(a)
  })

  it('the hot path: no network when the token is valid', async () => {
    await deviceLogin(box, server)
    server.resetCounters()
    await token()
    await token(['--json'])
    expect(Object.values(server.counters()).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('refreshes first when the token is expired or within the skew, and writes it back', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20, refreshedAccessTokenTtl: 3600 })
    try {
      await deviceLogin(box, short)
      const before = Object.values(await fileCredentials(box))[0]?.accessToken
      const fresh = JSON.parse(ok(await box.authcli(['auth', 'token', '--json'])).stdout) as { token: string; refreshed: boolean }
      expect(fresh.refreshed).toBe(true)
      expect(fresh.token).not.toBe(before)
      expect(short.counters().refresh_token).toBe(1)
      expect(Object.values(await fileCredentials(box))[0]?.accessToken).toBe(fresh.token)
    } finally {
      await short.close()
    }
  })
})

describe('row: authcli auth refresh', () => {
  it('refreshes now', async () => {
    await deviceLogin(box, server)
    const before = await token()
    server.resetCounters()
    ok(await box.authcli(['auth', 'refresh']))
    expect(server.counters().refresh_token).toBe(1)
    const after = await token()
    expect(after).not.toBe(before)
    expect((await whoIs(server, after))?.login).toBe('erin')
  })

  it('--scope changes the scopes', async () => {
    await clientLogin(box, server, ['api:read'])
    ok(await box.authcli(['auth', 'refresh', '--scope', 'api:write'], { env: { AUTHCLI_CLIENT_SECRET: secret() } }))
    expect((await whoIs(server, await token()))?.scopes).toEqual(['api:write'])
  })
})

describe('row: authcli auth switch', () => {
  it('--profile NAME or --host URL makes it active', async () => {
    const a = await patLogin(box, server, 'alice', ['--profile', 'a'])
    const b = await patLogin(box, server, 'bob', ['--profile', 'b'])
    expect(await token()).toBe(b)
    ok(await box.authcli(['auth', 'switch', '--profile', 'a']))
    expect(await token()).toBe(a)
    expect(ok(await box.authcli(['config', 'get', 'active_profile'])).stdout).toBe('a\n')
    const other = await startDevServer({ port: 0 })
    try {
      const c = server.mintPat({ login: 'carol', scopes: ['api:read'] })
      ok(await box.authcli(['auth', 'login', '--host', other.issuer, '--token-stdin', '--profile-url', profileUrl(server)], { input: c }))
      ok(await box.authcli(['auth', 'switch', '--host', server.issuer]))
      expect([a, b]).toContain(await token())
      ok(await box.authcli(['auth', 'switch', '--host', other.issuer]))
      expect(await token()).toBe(c)
    } finally {
      await other.close()
    }
  })

  it('--account NAME among several on one host', async () => {
    const a = await patLogin(box, server, 'alice')
    const b = await patLogin(box, server, 'bob')
    expect(await token()).toBe(b)
    ok(await box.authcli(['auth', 'switch', '--account', 'alice']))
    expect(await token()).toBe(a)
    ok(await box.authcli(['auth', 'switch', '--account', 'bob']))
    expect(await token()).toBe(b)
  })
})

describe('row: authcli auth logout', () => {
  it('forgets the active credential from every store that holds it, revokes it, keeps config preferences', async () => {
    const key = { AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 4).toString('base64') }
    await deviceLogin(box, server, 'erin', ['--store', 'encrypted'], key)
    expect(existsSync(box.file('credentials.enc'))).toBe(true)
    await deviceLogin(box, server, 'erin', ['--store', 'file'])
    const fileToken = await token()
    ok(await box.authcli(['config', 'set', 'tenant', 'acme']))
    const encryptedToken = (JSON.parse(ok(await box.authcli(['auth', 'token', '--json'], { env: { ...key, AUTHCLI_STORE: 'encrypted' } })).stdout) as { token: string }).token
    server.resetCounters()
    const result = ok(await box.authcli(['auth', 'logout', '--json'], { env: key }))
    expect(JSON.parse(result.stdout)).toEqual({ loggedOut: [{ host: server.issuer, account: 'erin', stores: expect.arrayContaining(['encrypted', 'file']), revoked: true }] })
    expect(server.counters().revocation).toBeGreaterThan(0)
    // Revoked at the server: the copy found first (the two stores held two logins' tokens here).
    expect([await whoIs(server, fileToken), await whoIs(server, encryptedToken)]).toContain(null)
    fails(await box.authcli(['auth', 'token'], { env: key }), 4)
    fails(await box.authcli(['auth', 'token'], { env: { ...key, AUTHCLI_STORE: 'encrypted' } }), 4)
    expect(ok(await box.authcli(['config', 'get', 'tenant'])).stdout).toBe('acme\n')
  })

  it('--host, --profile and --all', async () => {
    // One host per profile: a profile that is not pinned to an account finds any account of its host.
    await patLogin(box, server, 'alice', ['--profile', 'a'])
    await patLogin(box, server, 'bob', ['--profile', 'b', '--host', `${server.issuer}/b`])
    await clientLogin(box, server, ['api:read'], ['--profile', 'c', '--host', `${server.issuer}/c`, '--issuer', server.issuer])
    ok(await box.authcli(['auth', 'logout', '--profile', 'a']))
    fails(await box.authcli(['auth', 'token', '--profile', 'a']), 4)
    ok(await box.authcli(['auth', 'token', '--profile', 'b']))
    ok(await box.authcli(['auth', 'logout', '--all'], { env: { AUTHCLI_CLIENT_SECRET: secret() } }))
    for (const p of ['b', 'c']) fails(await box.authcli(['auth', 'token', '--profile', p]), 4)
    await patLogin(box, server, 'dave')
    ok(await box.authcli(['auth', 'logout', '--host', server.issuer]))
    fails(await box.authcli(['auth', 'token', '--host', server.issuer]), 4)
  })
})

describe('row: authcli auth whoami', () => {
  it('name / email / account captured at login, offline', async () => {
    await patLogin(box, server, 'alice')
    server.resetCounters()
    const result = ok(await box.authcli(['auth', 'whoami']))
    expect(result.stdout).toContain('alice')
    expect(result.stdout).toContain('alice@example.test')
    expect(Object.values(server.counters()).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('warns on stderr when the token expires within 30 s', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20 })
    try {
      await deviceLogin(box, short)
      const result = ok(await box.authcli(['auth', 'whoami']))
      expect(result.stdout).toContain('erin')
      expect(result.stderr).toMatch(/^warning: .*expire/m)
    } finally {
      await short.close()
    }
  })
})

describe('row: authcli auth git-credential get|store|erase', () => {
  const request = () => `protocol=http\nhost=${new URL(server.issuer).host}\n\n`

  it('get answers git with the token of the active host; another host gets no answer', async () => {
    const pat = await patLogin(box, server, 'alice')
    const result = ok(await box.authcli(['auth', 'git-credential', 'get'], { input: request() }))
    expect(result.stdout).toMatch(new RegExp(`^username=alice\\npassword=${pat}\\n`))
    expect(ok(await box.authcli(['auth', 'git-credential', 'get'], { input: 'protocol=https\nhost=github.com\n\n' })).stdout).toBe('')
    for (const op of ['store', 'erase']) expect(ok(await box.authcli(['auth', 'git-credential', op], { input: `${request().trimEnd()}\nusername=alice\npassword=${pat}\n\n` })).stdout).toBe('')
  })

  it('works as git credential.helper (git credential fill)', async () => {
    const pat = await patLogin(box, server, 'alice')
    const helper = `!'${process.execPath}' '${BIN}' auth git-credential`
    const git = spawn('git', ['-c', `credential.helper=${helper}`, 'credential', 'fill'], { env: { ...box.env(), GIT_TERMINAL_PROMPT: '0' } })
    git.stdin.on('error', () => {})
    git.stdin.end(request())
    let out = ''
    git.stdout.setEncoding('utf8').on('data', (c: string) => void (out += c))
    const code = await new Promise((resolve) => git.on('close', resolve))
    expect(code).toBe(0)
    expect(out).toContain(`password=${pat}`)
    expect(out).toContain('username=alice')
  })
})

describe('auth: nothing secret reaches a file it should not', () => {
  it('the credentials file is the only place a token is written', async () => {
    const pat = await patLogin(box, server, 'alice')
    expect(await readFile(box.file('config.toml'), 'utf8')).not.toContain(pat)
    expect(await box.read('credentials')).toContain(pat)
  })
})
