// The contract (shared/design/CLI.md), row by row, against the BUILT binary and the real dev
// server: this file covers the `auth` rows of the Commands table. The other rows are in
// contract-commands.test.ts, the Environment and Files tables and `auth status --json` in
// contract-env.test.ts, the exit codes and output rules in contract-exit.test.ts.
// A row that the CLI does not implement yet is an `it.todo` naming it.
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer } from '@auth/dev-server'
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { BIN, clientLogin, deviceLogin, fails, fileCredentials, ok, patLogin, profileUrl, whoIs, contractSuite } from './_contract.js'

const t = contractSuite()

const secret = () => t.server.clients.confidential.clientSecret
const token = async (args: string[] = [], env: Record<string, string> = {}) => ok(await t.box.authcli(['auth', 'token', ...args], { env })).stdout.trim()

describe('row: authcli auth login', () => {
  it('--with-token TOKEN / --with-token (stdin) / --token-stdin: a PAT, checked against --profile-url, stored', async () => {
    const first = t.server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const argv = ok(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--with-token', first, '--profile-url', profileUrl(t.server)]))
    expect(argv.stderr).toMatch(/^warning: .*visible to other users/m)
    expect(await token()).toBe(first)
    const second = t.server.mintPat({ login: 'bob', scopes: ['api:read'] })
    ok(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--with-token', '--profile-url', profileUrl(t.server)], { input: `${second}\n` }))
    expect(await token()).toBe(second)
    const third = await patLogin(t.box, t.server, 'carol')
    expect(await token()).toBe(third)
  })

  it('--client-credentials --client-id with the secret from AUTHCLI_CLIENT_SECRET, --client-secret-file or --client-secret-env', async () => {
    await clientLogin(t.box, t.server)
    expect((await whoIs(t.server, await token()))?.clientId).toBe('authcli-confidential')
    const file = join(t.box.dir, 'secret')
    await writeFile(file, secret(), { mode: 0o600 })
    const base = ['auth', 'login', '--host', t.server.issuer, '--client-credentials', '--client-id', 'authcli-confidential', '--scope', 'api:read']
    ok(await t.box.authcli([...base, '--profile', 'f', '--client-secret-file', file]))
    expect(await whoIs(t.server, await token(['--profile', 'f']))).toMatchObject({ clientId: 'authcli-confidential' })
    ok(await t.box.authcli([...base, '--profile', 'e', '--client-secret-env', 'MY_SECRET'], { env: { MY_SECRET: secret() } }))
    expect(await whoIs(t.server, await token(['--profile', 'e'], { MY_SECRET: secret() }))).toMatchObject({ clientId: 'authcli-confidential' })
    for (const name of ['config.toml', 'credentials']) expect(await t.box.read(name)).not.toContain(secret())
  })

  it('--device: with --json the device code is one JSON object on stdout before polling; --no-qr', async () => {
    const running = t.box.start(['auth', 'login', '--host', t.server.issuer, '--device', '--json', '--no-qr'])
    const first = JSON.parse(await running.nextLine()) as Record<string, unknown>
    expect(first).toEqual({ verification_uri: expect.any(String), verification_uri_complete: expect.any(String), user_code: expect.any(String), expires_in: expect.any(Number) })
    await t.server.approveDevice(first.user_code as string, { login: 'erin' })
    const result = ok(await running.done)
    expect(JSON.parse(result.stdout.trim().split('\n')[1] as string)).toEqual({ host: t.server.issuer, account: 'erin', flow: 'device', store: 'file', profile: 'default' })
    expect(result.stderr).not.toMatch(/[▀▄█]/)
    expect((await whoIs(t.server, await token()))?.login).toBe('erin')
  })

  it('the device flow is the default over SSH / without a display when a user is at the terminal; without one, exit 2 naming the flags', async () => {
    const result = fails(await t.box.authcli(['auth', 'login', '--host', t.server.issuer]), 2, 'USAGE_ERROR')
    expect(result.stderr).toMatch(/--with-token.*--client-credentials.*--device/)
  })

  it('--web with no browser to open keeps waiting (the URL printed), then --timeout: exit 4 LOGIN_TIMEOUT, nothing stored', async () => {
    const result = fails(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--web', '--timeout', '2'], { env: { BROWSER: '/nonexistent-browser' } }), 4, 'LOGIN_TIMEOUT')
    expect(result.stderr).toContain(`${t.server.issuer}/auth?`)
    expect(result.stderr).toMatch(/redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A876\d%2Fcallback/)
    expect(result.stderr).not.toMatch(/code_verifier/)
    fails(await t.box.authcli(['auth', 'token']), 4, 'LOGIN_REQUIRED')
  })

  // --no-browser (paste-back on stdin, whole URL or bare code) and --web in real Chromium: test/pkce-cli.test.ts, test/pkce-browser.test.ts.

  it('--host URL with --issuer URL (which defaults to the host)', async () => {
    const host = `${t.server.issuer}/api`
    await deviceLogin(t.box, t.server, 'erin', ['--host', host, '--issuer', t.server.issuer])
    const status = JSON.parse(ok(await t.box.authcli(['auth', 'status', '--json'])).stdout) as { profiles: Array<{ host: string }> }
    expect(status.profiles[0]?.host).toBe(host)
    expect(await t.box.read('config.toml')).toContain(`issuer = "${t.server.issuer}"`)
    expect((await whoIs(t.server, await token()))?.login).toBe('erin')
  })

  it('--client-id ID, else AUTHCLI_CLIENT_ID, else the config, else the build-time default (authcli)', async () => {
    const env = { AUTHCLI_CLIENT_SECRET: secret() }
    const cc = ['auth', 'login', '--host', t.server.issuer, '--client-credentials', '--scope', 'api:read']
    ok(await t.box.authcli([...cc, '--profile', 'a'], { env: { ...env, AUTHCLI_CLIENT_ID: 'authcli-confidential' } }))
    ok(await t.box.authcli(['config', 'set', 'client_id', 'authcli-post', '--profile', 'b']))
    ok(await t.box.authcli([...cc, '--profile', 'b'], { env }))
    ok(await t.box.authcli([...cc, '--profile', 'c', '--client-id', 'authcli-post'], { env: { ...env, AUTHCLI_CLIENT_ID: 'authcli-confidential' } }))
    expect((await whoIs(t.server, await token(['--profile', 'a'], env)))?.clientId).toBe('authcli-confidential')
    expect((await whoIs(t.server, await token(['--profile', 'b'], env)))?.clientId).toBe('authcli-post')
    expect((await whoIs(t.server, await token(['--profile', 'c'], env)))?.clientId).toBe('authcli-post')
    await deviceLogin(t.box, t.server, 'erin', ['--profile', 'd'])
    expect(await t.box.read('config.toml')).toMatch(/\[profiles\.d\][^[]*client_id = "authcli"/)
  })

  it('--scope S, repeatable', async () => {
    await clientLogin(t.box, t.server, ['api:read', 'api:write'])
    expect((await whoIs(t.server, await token()))?.scopes).toEqual(['api:read', 'api:write'])
  })

  it('--tenant SLUG and --profile NAME are recorded', async () => {
    await patLogin(t.box, t.server, 'alice', ['--profile', 'work', '--tenant', 'acme'])
    expect(ok(await t.box.authcli(['config', 'get', 'tenant', '--profile', 'work'])).stdout).toBe('acme\n')
    expect(JSON.parse(ok(await t.box.authcli(['profiles', 'list', '--json'])).stdout)).toMatchObject({ active: 'work' })
  })

  it('--store auto|keychain|file|encrypted|memory: fail closed when the chosen one is not available', async () => {
    const key = { AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') }
    await patLogin(t.box, t.server, 'alice', ['--store', 'encrypted'], key)
    expect(existsSync(t.box.file('credentials.enc'))).toBe(true)
    expect(existsSync(t.box.file('credentials'))).toBe(false)
    const memory = ok(
      await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--profile', 'm', '--store', 'memory', '--token-stdin', '--profile-url', profileUrl(t.server)], {
        input: t.server.mintPat({ login: 'm', scopes: ['api:read'] }),
      }),
    )
    expect(memory.stderr).toContain('warning: the memory store forgets the credential when this command ends')
    fails(
      await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--store', 'keychain', '--token-stdin', '--profile-url', profileUrl(t.server)], {
        input: t.server.mintPat({ login: 'k', scopes: ['api:read'] }),
        env: { DBUS_SESSION_BUS_ADDRESS: '' },
      }),
      6,
      'STORAGE_ERROR',
    )
    fails(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--store', 'nope', '--with-token']), 2)
  })

  it('--timeout SECONDS ends an unapproved device login: exit 4 LOGIN_TIMEOUT, nothing stored', async () => {
    const result = fails(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--device', '--timeout', '0.3']), 4, 'LOGIN_TIMEOUT')
    expect(result.ms).toBeLessThan(3000)
    expect(existsSync(t.box.file('credentials'))).toBe(false)
  })

  it('--insecure allows a non-loopback http:// host, with a warning; without it, exit 2', async () => {
    const args = ['auth', 'login', '--host', 'http://api.authcli-test.invalid', '--token-stdin', '--profile-url', profileUrl(t.server), '--debug']
    const input = t.server.mintPat({ login: 'ian', scopes: ['api:read'] })
    expect(fails(await t.box.authcli(args, { input }), 2).stderr).toContain('--insecure')
    const result = ok(await t.box.authcli([...args, '--insecure'], { input }))
    expect(result.stderr).toMatch(/^warning: --insecure: talking to http:\/\/api\.authcli-test\.invalid over plain http/m)
    expect(result.stderr).not.toMatch(/HTTP \w+ http:\/\/api\.authcli-test\.invalid/)
  })
})

describe('row: authcli auth status', () => {
  it('every profile: account, flow, store, expiry, scopes, active; tokens masked unless --show-token; exit 0', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    await clientLogin(t.box, t.server, ['api:read'], ['--profile', 'ci'])
    ok(await t.box.authcli(['profiles', 'use', 'default']))
    const text = ok(await t.box.authcli(['auth', 'status'])).stdout
    for (const part of ['default (active)', 'ci', 'alice', 'pat', 'client-credentials', 'file', 'api:read', `${pat.slice(0, 4)}****`]) expect(text).toContain(part)
    expect(text).not.toContain(pat)
    expect(ok(await t.box.authcli(['auth', 'status', '--show-token'])).stdout).toContain(pat)
  })

  it('exit 4 when the active profile holds no usable credential (after printing)', async () => {
    await patLogin(t.box, t.server, 'alice')
    ok(await t.box.authcli(['config', 'set', 'profiles.empty.host', 'https://empty.example.com']))
    ok(await t.box.authcli(['profiles', 'use', 'empty']))
    const result = fails(await t.box.authcli(['auth', 'status']), 4)
    expect(result.stdout).toContain('empty (active)')
    expect(result.stdout).toContain('alice')
  })
})

describe('row: authcli auth token', () => {
  it('prints only the access token of the active (or --host / --profile) credential', async () => {
    const a = await patLogin(t.box, t.server, 'alice')
    const b = await patLogin(t.box, t.server, 'bob', ['--profile', 'b'])
    expect(ok(await t.box.authcli(['auth', 'token'])).stdout).toBe(`${b}\n`)
    expect(await token(['--profile', 'default'])).toBe(a)
    ok(await t.box.authcli(['profiles', 'use', 'default']))
    expect(await token()).toBe(a)
    expect(await token(['--host', t.server.issuer])).toBe(a)
  })

  it('the hot path: no network when the token is valid', async () => {
    await deviceLogin(t.box, t.server)
    t.server.resetCounters()
    await token()
    await token(['--json'])
    expect(Object.values(t.server.counters()).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('refreshes first when the token is expired or within the skew, and writes it back', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20, refreshedAccessTokenTtl: 3600 })
    try {
      await deviceLogin(t.box, short)
      const before = Object.values(await fileCredentials(t.box))[0]?.accessToken
      const fresh = JSON.parse(ok(await t.box.authcli(['auth', 'token', '--json'])).stdout) as { token: string; refreshed: boolean }
      expect(fresh.refreshed).toBe(true)
      expect(fresh.token).not.toBe(before)
      expect(short.counters().refresh_token).toBe(1)
      expect(Object.values(await fileCredentials(t.box))[0]?.accessToken).toBe(fresh.token)
    } finally {
      await short.close()
    }
  })
})

describe('row: authcli auth refresh', () => {
  it('refreshes now', async () => {
    await deviceLogin(t.box, t.server)
    const before = await token()
    t.server.resetCounters()
    ok(await t.box.authcli(['auth', 'refresh']))
    expect(t.server.counters().refresh_token).toBe(1)
    const after = await token()
    expect(after).not.toBe(before)
    expect((await whoIs(t.server, after))?.login).toBe('erin')
  })

  it('--scope changes the scopes', async () => {
    await clientLogin(t.box, t.server, ['api:read'])
    ok(await t.box.authcli(['auth', 'refresh', '--scope', 'api:write'], { env: { AUTHCLI_CLIENT_SECRET: secret() } }))
    expect((await whoIs(t.server, await token()))?.scopes).toEqual(['api:write'])
  })
})

describe('row: authcli auth switch', () => {
  it('--profile NAME or --host URL makes it active', async () => {
    const a = await patLogin(t.box, t.server, 'alice', ['--profile', 'a'])
    const b = await patLogin(t.box, t.server, 'bob', ['--profile', 'b'])
    expect(await token()).toBe(b)
    ok(await t.box.authcli(['auth', 'switch', '--profile', 'a']))
    expect(await token()).toBe(a)
    expect(ok(await t.box.authcli(['config', 'get', 'active_profile'])).stdout).toBe('a\n')
    const other = await startDevServer({ port: 0 })
    try {
      const c = t.server.mintPat({ login: 'carol', scopes: ['api:read'] })
      ok(await t.box.authcli(['auth', 'login', '--host', other.issuer, '--token-stdin', '--profile-url', profileUrl(t.server)], { input: c }))
      ok(await t.box.authcli(['auth', 'switch', '--host', t.server.issuer]))
      expect([a, b]).toContain(await token())
      ok(await t.box.authcli(['auth', 'switch', '--host', other.issuer]))
      expect(await token()).toBe(c)
    } finally {
      await other.close()
    }
  })

  it('--account NAME among several on one host', async () => {
    const a = await patLogin(t.box, t.server, 'alice')
    const b = await patLogin(t.box, t.server, 'bob')
    expect(await token()).toBe(b)
    ok(await t.box.authcli(['auth', 'switch', '--account', 'alice']))
    expect(await token()).toBe(a)
    ok(await t.box.authcli(['auth', 'switch', '--account', 'bob']))
    expect(await token()).toBe(b)
  })
})

describe('row: authcli auth logout', () => {
  it('forgets the active credential from every store that holds it, revokes it, keeps config preferences', async () => {
    const key = { AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 4).toString('base64') }
    await deviceLogin(t.box, t.server, 'erin', ['--store', 'encrypted'], key)
    expect(existsSync(t.box.file('credentials.enc'))).toBe(true)
    await deviceLogin(t.box, t.server, 'erin', ['--store', 'file'])
    const fileToken = await token()
    ok(await t.box.authcli(['config', 'set', 'tenant', 'acme']))
    const encryptedToken = (JSON.parse(ok(await t.box.authcli(['auth', 'token', '--json'], { env: { ...key, AUTHCLI_STORE: 'encrypted' } })).stdout) as { token: string }).token
    t.server.resetCounters()
    const result = ok(await t.box.authcli(['auth', 'logout', '--json'], { env: key }))
    expect(JSON.parse(result.stdout)).toEqual({ loggedOut: [{ host: t.server.issuer, account: 'erin', stores: expect.arrayContaining(['encrypted', 'file']), revoked: true }] })
    expect(t.server.counters().revocation).toBeGreaterThan(0)
    // Revoked at the server: the copy found first (the two stores held two logins' tokens here).
    expect([await whoIs(t.server, fileToken), await whoIs(t.server, encryptedToken)]).toContain(null)
    fails(await t.box.authcli(['auth', 'token'], { env: key }), 4)
    fails(await t.box.authcli(['auth', 'token'], { env: { ...key, AUTHCLI_STORE: 'encrypted' } }), 4)
    expect(ok(await t.box.authcli(['config', 'get', 'tenant'])).stdout).toBe('acme\n')
  })

  it('--host, --profile and --all', async () => {
    // One host per profile: a profile that is not pinned to an account finds any account of its host.
    await patLogin(t.box, t.server, 'alice', ['--profile', 'a'])
    await patLogin(t.box, t.server, 'bob', ['--profile', 'b', '--host', `${t.server.issuer}/b`])
    await clientLogin(t.box, t.server, ['api:read'], ['--profile', 'c', '--host', `${t.server.issuer}/c`, '--issuer', t.server.issuer])
    ok(await t.box.authcli(['auth', 'logout', '--profile', 'a']))
    fails(await t.box.authcli(['auth', 'token', '--profile', 'a']), 4)
    ok(await t.box.authcli(['auth', 'token', '--profile', 'b']))
    ok(await t.box.authcli(['auth', 'logout', '--all'], { env: { AUTHCLI_CLIENT_SECRET: secret() } }))
    for (const p of ['b', 'c']) fails(await t.box.authcli(['auth', 'token', '--profile', p]), 4)
    await patLogin(t.box, t.server, 'dave')
    ok(await t.box.authcli(['auth', 'logout', '--host', t.server.issuer]))
    fails(await t.box.authcli(['auth', 'token', '--host', t.server.issuer]), 4)
  })
})

describe('row: authcli auth whoami', () => {
  it('name / email / account captured at login, offline', async () => {
    await patLogin(t.box, t.server, 'alice')
    t.server.resetCounters()
    const result = ok(await t.box.authcli(['auth', 'whoami']))
    expect(result.stdout).toContain('alice')
    expect(result.stdout).toContain('alice@example.test')
    expect(Object.values(t.server.counters()).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('warns on stderr when the token expires within 30 s', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20 })
    try {
      await deviceLogin(t.box, short)
      const result = ok(await t.box.authcli(['auth', 'whoami']))
      expect(result.stdout).toContain('erin')
      expect(result.stderr).toMatch(/^warning: .*expire/m)
    } finally {
      await short.close()
    }
  })
})

describe('row: authcli auth git-credential get|store|erase', () => {
  const request = () => `protocol=http\nhost=${new URL(t.server.issuer).host}\n\n`

  it('get answers git with the token of the active host; another host gets no answer', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    const result = ok(await t.box.authcli(['auth', 'git-credential', 'get'], { input: request() }))
    expect(result.stdout).toMatch(new RegExp(`^username=alice\\npassword=${pat}\\n`))
    expect(ok(await t.box.authcli(['auth', 'git-credential', 'get'], { input: 'protocol=https\nhost=github.com\n\n' })).stdout).toBe('')
    for (const op of ['store', 'erase']) expect(ok(await t.box.authcli(['auth', 'git-credential', op], { input: `${request().trimEnd()}\nusername=alice\npassword=${pat}\n\n` })).stdout).toBe('')
  })

  it('works as git credential.helper (git credential fill)', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    const helper = `!'${process.execPath}' '${BIN}' auth git-credential`
    const git = spawn('git', ['-c', `credential.helper=${helper}`, 'credential', 'fill'], { env: { ...t.box.env(), GIT_TERMINAL_PROMPT: '0' } })
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
    const pat = await patLogin(t.box, t.server, 'alice')
    expect(await readFile(t.box.file('config.toml'), 'utf8')).not.toContain(pat)
    expect(await t.box.read('credentials')).toContain(pat)
  })
})
