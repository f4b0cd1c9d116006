// The contract (shared/design/CLI.md): the Environment table, the Files list and the exact
// `auth status --json` shape, against the BUILT binary and the real dev server.
import { existsSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clientLogin, deviceLogin, fails, ok, patLogin, profileUrl, sandbox, whoIs, contractSuite } from './_contract.js'
import { fileURLToPath } from 'node:url'

const t = contractSuite()

const token = async (env: Record<string, string> = {}, args: string[] = []) => ok(await t.box.authcli(['auth', 'token', ...args], { env })).stdout.trim()
const mode = async (path: string) => (await stat(path)).mode & 0o777

describe('env: AUTHCLI_TOKEN', () => {
  it('wins over every store; nothing is read from or written to a store; a login while it is set warns that it overrides', async () => {
    const stored = await patLogin(t.box, t.server, 'alice')
    const before = await t.box.read('credentials')
    const env = { AUTHCLI_TOKEN: 'from-the-environment-0123456789' }
    expect(ok(await t.box.authcli(['auth', 'token'], { env })).stdout).toBe('from-the-environment-0123456789\n')
    expect(JSON.parse(ok(await t.box.authcli(['auth', 'token', '--json'], { env })).stdout)).toMatchObject({ token: 'from-the-environment-0123456789', source: 'env:AUTHCLI_TOKEN' })
    // Not even a corrupt store is read.
    await writeFile(t.box.file('credentials'), '{ corrupt', { mode: 0o600 })
    expect(ok(await t.box.authcli(['auth', 'token'], { env })).stdout).toBe('from-the-environment-0123456789\n')
    await writeFile(t.box.file('credentials'), before, { mode: 0o600 })
    // A login still stores (issue 17), and says that the variable overrides what it saved.
    const login = ok(
      await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--token-stdin', '--profile-url', profileUrl(t.server)], {
        env,
        input: t.server.mintPat({ login: 'bob', scopes: ['api:read'] }),
      }),
    )
    expect(login.stderr).toContain(`warning: AUTHCLI_TOKEN is set: it overrides the credential just saved for ${t.server.issuer}; unset it to use the saved one`)
    expect(await t.box.read('credentials')).not.toBe(before)
    expect(ok(await t.box.authcli(['auth', 'token'], { env })).stdout).toBe('from-the-environment-0123456789\n')
    expect(await token()).not.toBe(stored) // bob's PAT, just saved, is the stored one now
  })
})

describe('env: AUTHCLI_HOST', () => {
  it('is the default host (below --host and --profile)', async () => {
    const pat = t.server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const env = { AUTHCLI_HOST: t.server.issuer }
    const login = ok(await t.box.authcli(['auth', 'login', '--token-stdin', '--profile-url', profileUrl(t.server), '--json'], { env, input: pat }))
    expect(JSON.parse(login.stdout)).toMatchObject({ host: t.server.issuer, account: 'alice' })
    expect(await token(env)).toBe(pat)
    fails(await t.box.authcli(['auth', 'token', '--host', 'https://elsewhere.example.com'], { env }), 4, 'LOGIN_REQUIRED')
  })
})

describe('env: AUTHCLI_CLIENT_ID / AUTHCLI_CLIENT_SECRET', () => {
  it('are the OAuth client; the secret is read, never stored', async () => {
    const env = { AUTHCLI_CLIENT_ID: 'authcli-post', AUTHCLI_CLIENT_SECRET: t.server.clients.post.clientSecret }
    ok(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--client-credentials', '--scope', 'api:read'], { env }))
    expect((await whoIs(t.server, await token(env)))?.clientId).toBe('authcli-post')
    for (const file of ['config.toml', 'credentials']) expect(await t.box.read(file)).not.toContain(env.AUTHCLI_CLIENT_SECRET)
  })
})

describe('env: AUTHCLI_TENANT', () => {
  it('the tenant: below --tenant and above the config', async () => {
    await patLogin(t.box, t.server, 'alice')
    ok(await t.box.authcli(['config', 'set', 'tenant', 'from-config']))
    const tenant = async (args: string[], env: Record<string, string>) => (JSON.parse(ok(await t.box.authcli(['api', '/api/v1/echo', ...args], { env })).stdout) as { tenant: string }).tenant
    expect(await tenant([], {})).toBe('from-config')
    expect(await tenant([], { AUTHCLI_TENANT: 'from-env' })).toBe('from-env')
    expect(await tenant(['--tenant', 'from-flag'], { AUTHCLI_TENANT: 'from-env' })).toBe('from-flag')
  })

  it('a login records --tenant, not AUTHCLI_TENANT', async () => {
    await patLogin(t.box, t.server, 'alice', [], { AUTHCLI_TENANT: 'from-env' })
    expect(ok(await t.box.authcli(['config', 'get', 'tenant'])).stdout).toBe('')
    await patLogin(t.box, t.server, 'alice', ['--tenant', 'from-flag'], { AUTHCLI_TENANT: 'from-env' })
    expect(ok(await t.box.authcli(['config', 'get', 'tenant'])).stdout).toBe('from-flag\n')
  })
})

describe('env: AUTHCLI_CONFIG and AUTHCLI_CONFIG_DIR', () => {
  it('AUTHCLI_CONFIG is the config file path, below --config', async () => {
    const viaEnv = join(t.box.dir, 'env.toml')
    const viaFlag = join(t.box.dir, 'flag.toml')
    ok(await t.box.authcli(['config', 'set', 'tenant', 'env'], { env: { AUTHCLI_CONFIG: viaEnv } }))
    ok(await t.box.authcli(['config', 'set', 'tenant', 'flag', '--config', viaFlag], { env: { AUTHCLI_CONFIG: viaEnv } }))
    expect(ok(await t.box.authcli(['config', 'get', 'tenant'], { env: { AUTHCLI_CONFIG: viaEnv } })).stdout).toBe('env\n')
    expect(ok(await t.box.authcli(['config', 'get', 'tenant', '--config', viaFlag], { env: { AUTHCLI_CONFIG: viaEnv } })).stdout).toBe('flag\n')
    expect(existsSync(t.box.file('config.toml'))).toBe(false)
  })

  it('AUTHCLI_CONFIG_DIR holds the config and the fallback files; the default is ~/.authcli', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    expect(existsSync(t.box.file('config.toml'))).toBe(true)
    expect(existsSync(t.box.file('credentials'))).toBe(true)
    const env = { ...t.box.env(), AUTHCLI_CONFIG_DIR: '' }
    const { run } = await import('./_run.js')
    const login = await run(env, ['auth', 'login', '--host', t.server.issuer, '--token-stdin', '--profile-url', profileUrl(t.server)], pat)
    ok(login)
    expect(existsSync(join(t.box.home, '.authcli', 'config.toml'))).toBe(true)
    expect(existsSync(join(t.box.home, '.authcli', 'credentials'))).toBe(true)
  })
})

describe('the credentials folder and its .locks are checked even when the config file lives elsewhere (issue 15, finding 4a)', () => {
  it.each([
    ['the credentials folder', 0o777, ''],
    ['the credentials folder', 0o775, ''],
    ['its .locks', 0o777, '.locks'],
  ])('%s writable by others (mode %o): exit 2 with the chmod fix, for AUTHCLI_CONFIG and --config alike', async (_, mode, sub) => {
    await patLogin(t.box, t.server, 'alice')
    const elsewhere = join(t.box.dir, 'elsewhere')
    await mkdir(elsewhere, { mode: 0o700 })
    const config = join(elsewhere, 'config.toml')
    await writeFile(config, await t.box.read('config.toml'), { mode: 0o600 })
    const folder = join(t.box.configDir, sub)
    await mkdir(folder, { recursive: true, mode: 0o700 })
    await chmod(folder, mode)
    for (const [args, env] of [
      [['auth', 'token'], { AUTHCLI_CONFIG: config }],
      [['auth', 'token', '--config', config], {}],
      [['auth', 'status'], { AUTHCLI_CONFIG: config }],
    ] as const) {
      const result = fails(await t.box.authcli([...args], { env }), 2, 'CONFIG_ERROR')
      expect(result.stderr).toContain(`${folder.replace(/\/$/, '')} is writable by`)
      expect(result.stderr).toContain(`hint: chmod go-w ${folder.replace(/\/$/, '')}`)
    }
  })
})

describe('env: AUTHCLI_ENCRYPTION_KEY', () => {
  it('key material for the encrypted store: a passphrase or a base64 32-byte key', async () => {
    for (const key of ['a long enough passphrase', Buffer.alloc(32, 5).toString('base64')]) {
      const run = await sandbox({})
      try {
        const pat = t.server.mintPat({ login: 'alice', scopes: ['api:read'] })
        const login = ok(
          await run.authcli(['auth', 'login', '--host', t.server.issuer, '--token-stdin', '--profile-url', profileUrl(t.server), '--json'], { input: pat, env: { AUTHCLI_ENCRYPTION_KEY: key } }),
        )
        expect(JSON.parse(login.stdout).store).toBe('encrypted')
        expect(await run.read('credentials.enc')).not.toContain(pat)
        expect(existsSync(run.file('credentials'))).toBe(false)
        expect(ok(await run.authcli(['auth', 'token'], { env: { AUTHCLI_ENCRYPTION_KEY: key } })).stdout).toBe(`${pat}\n`)
      } finally {
        await run.cleanup()
      }
    }
  })

  it('an unusable key is exit 2 naming the variable, never the value', async () => {
    const result = fails(await t.box.authcli(['store', 'status'], { env: { AUTHCLI_ENCRYPTION_KEY: 'short' } }), 2, 'CONFIG_ERROR')
    expect(result.stderr).toContain('AUTHCLI_ENCRYPTION_KEY')
    expect(result.stderr).not.toContain('short\n')
  })
})

describe('env: AUTHCLI_STORE', () => {
  it('the store choice, as --store (and --store wins)', async () => {
    const key = Buffer.alloc(32, 6).toString('base64')
    const login = async (args: string[], env: Record<string, string>) =>
      JSON.parse(
        ok(
          await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--token-stdin', '--profile-url', profileUrl(t.server), '--json', ...args], {
            input: t.server.mintPat({ login: 'a', scopes: ['api:read'] }),
            env,
          }),
        ).stdout,
      ).store as string
    expect(await login([], { AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: key })).toBe('encrypted')
    expect(await login([], { AUTHCLI_STORE: 'memory' })).toBe('memory')
    expect(await login(['--store', 'file'], { AUTHCLI_STORE: 'memory' })).toBe('file')
    fails(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--with-token'], { env: { AUTHCLI_STORE: 'nope' } }), 2, 'CONFIG_ERROR')
    fails(await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--token-stdin'], { env: { AUTHCLI_STORE: 'keychain', DBUS_SESSION_BUS_ADDRESS: '' }, input: 'x' }), 6, 'STORAGE_ERROR')
  })
})

/**
 * `auth login --web` with `BROWSER` set to a script that records its arguments; the test plays the
 * user (the dev server's sign-in walk) and follows the redirect to the loopback listener.
 */
async function browserLogin(): Promise<{ argv: string[]; url: URL }> {
  const record = join(t.box.dir, 'browser-argv')
  const script = join(t.box.dir, 'browser.sh')
  await writeFile(script, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${record}'\n`, { mode: 0o755 })
  const running = t.box.start(['auth', 'login', '--web', '--host', t.server.issuer, '--port-range', '8770-8779'], { env: { BROWSER: script } })
  for (let i = 0; i < 400 && !existsSync(record); i++) await new Promise((r) => setTimeout(r, 10))
  const argv = (await readFile(record, 'utf8')).trimEnd().split('\n')
  // The opener gets a private page (issue 15, finding 1); the browser reads it as the user.
  const page = await readFile(fileURLToPath(argv[0] as string), 'utf8')
  const url = new URL((/content="0;url=([^"]+)"/.exec(page)?.[1] ?? '').replaceAll('&#38;', '&'))
  await fetch(await t.server.authorize(url.href))
  ok(await running.done)
  return { argv, url }
}

describe('env: BROWSER', () => {
  it('BROWSER is tried first to open URLs: one argument, a private file:// page sending the browser on to the authorization URL, no secret', async () => {
    const { argv, url } = await browserLogin()
    expect(argv).toHaveLength(1)
    expect(argv[0]).toMatch(new RegExp(`^file://${t.box.configDir}/\\.login-[^/]+/login\\.html$`))
    expect(url.origin).toBe(t.server.issuer)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.has('code_verifier')).toBe(false)
    expect(JSON.parse(ok(await t.box.authcli(['auth', 'status', '--json'])).stdout).profiles[0]).toMatchObject({ flow: 'pkce', valid: true })
  })
})

describe('files', () => {
  it('$AUTHCLI_CONFIG_DIR/config.toml (0600): active_profile and [profiles.NAME] tables', async () => {
    await patLogin(t.box, t.server, 'alice', ['--tenant', 'acme'])
    expect(await mode(t.box.configDir)).toBe(0o700)
    expect(await mode(t.box.file('config.toml'))).toBe(0o600)
    const text = await t.box.read('config.toml')
    expect(text).toMatch(/^active_profile = "default"\n\n\[profiles\.default\]\n/)
    const lines = text.split('\n').slice(3).filter(Boolean)
    expect(lines).toEqual(expect.arrayContaining([`host = "${t.server.issuer}"`, 'flow = "pat"', 'tenant = "acme"', 'store = "file"', `profile_url = "${profileUrl(t.server)}"`]))
    // The contract's keys, plus \`account\` (the account a profile is pinned to, for \`auth switch --account\`).
    const keys = ['host', 'issuer', 'client_id', 'flow', 'scopes', 'tenant', 'tenant_header', 'store', 'profile_url', 'client_secret_env', 'client_secret_file', 'ca_file', 'account']
    for (const line of lines) expect(keys).toContain(line.split(' = ')[0])
  })

  it('config.toml accepts every key of the contract', async () => {
    await mkdir(t.box.configDir, { recursive: true })
    await writeFile(
      t.box.file('config.toml'),
      `active_profile = "w"
[profiles.w]
host = "https://api.example.com"
issuer = "https://id.example.com"
client_id = "cli"
flow = "device"
scopes = ["openid"]
tenant = "acme"
tenant_header = "X-Org"
store = "file"
profile_url = "https://api.example.com/me"
client_secret_env = "MY_SECRET"
client_secret_file = "/etc/secret"
ca_file = "/etc/ca.pem"
`,
    )
    const list = JSON.parse(ok(await t.box.authcli(['config', 'list', '--json'])).stdout) as Record<string, string>
    for (const key of ['host', 'issuer', 'client_id', 'flow', 'scopes', 'tenant', 'tenant_header', 'store', 'profile_url', 'client_secret_env', 'client_secret_file', 'ca_file']) {
      expect(list).toHaveProperty(`profiles.w.${key}`)
    }
  })

  it('$AUTHCLI_CONFIG_DIR/credentials (0600, dir 0700): the file store', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    expect(await mode(t.box.file('credentials'))).toBe(0o600)
    expect(await mode(t.box.configDir)).toBe(0o700)
    expect(JSON.parse(await t.box.read('credentials'))).toMatchObject({ version: 1, credentials: { [`${t.server.issuer}#alice`]: { accessToken: pat } } })
  })

  it('$AUTHCLI_CONFIG_DIR/credentials.enc: the encrypted store, no token in clear', async () => {
    const env = { AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64') }
    const pat = await patLogin(t.box, t.server, 'alice', [], env)
    expect(await mode(t.box.file('credentials.enc'))).toBe(0o600)
    const sealed = JSON.parse(await t.box.read('credentials.enc')) as Record<string, unknown>
    expect(Object.keys(sealed).sort()).toEqual(['ciphertext', 'kcv', 'kdf', 'nonce', 'tag', 'version'])
    expect(JSON.stringify(sealed)).not.toContain(pat)
    expect(JSON.stringify(sealed)).not.toContain('alice')
  })

  it('a flyte-style YAML file via --config FILE.yaml (more in contract-commands.test.ts)', async () => {
    const yaml = join(t.box.dir, 'flyte.yaml')
    await writeFile(yaml, `admin:\n  endpoint: dns:///${new URL(t.server.issuer).host}\n  authType: ClientSecret\n  clientId: authcli-confidential\n  insecure: true\n`)
    expect(JSON.parse(ok(await t.box.authcli(['config', 'list', '--json', '--config', yaml])).stdout)).toEqual({
      active_profile: 'default',
      'profiles.default.host': t.server.issuer,
      'profiles.default.client_id': 'authcli-confidential',
      'profiles.default.flow': 'client-credentials',
    })
  })

  it('the PKCE verifier is never written anywhere (no file holds a string whose S256 is the challenge)', async () => {
    const { url } = await browserLogin()
    const challenge = url.searchParams.get('code_challenge') as string
    const written: string[] = []
    for (const dir of [t.box.configDir, t.box.home]) {
      for (const name of await readdir(dir, { recursive: true })) {
        const path = join(dir, String(name))
        if ((await stat(path)).isFile()) written.push(await readFile(path, 'latin1'))
      }
    }
    expect(written.length).toBeGreaterThan(0)
    const candidates = written.flatMap((text) => text.match(/[A-Za-z0-9._~-]{43,128}/g) ?? [])
    expect(candidates.length).toBeGreaterThan(0)
    for (const candidate of candidates) expect(createHash('sha256').update(candidate).digest('base64url')).not.toBe(challenge)
  })
})

describe('auth status --json: exactly the shape of the contract', () => {
  it('{ active, profiles: [{ name, host, account, flow, store, active, expiresAt, scopes, tenant, valid }] }; token only with --show-token', async () => {
    await deviceLogin(t.box, t.server, 'erin', ['--tenant', 'acme'])
    await clientLogin(t.box, t.server, ['api:read'], ['--profile', 'ci', '--host', `${t.server.issuer}/ci`, '--issuer', t.server.issuer])
    ok(await t.box.authcli(['profiles', 'use', 'default']))
    const status = JSON.parse(ok(await t.box.authcli(['auth', 'status', '--json'])).stdout) as { active: string; profiles: Array<Record<string, unknown>> }
    expect(Object.keys(status)).toEqual(['active', 'profiles'])
    expect(status.active).toBe('default')
    const keys = ['name', 'host', 'account', 'flow', 'store', 'active', 'expiresAt', 'scopes', 'tenant', 'valid', 'source', 'location']
    for (const p of status.profiles) expect(Object.keys(p).sort()).toEqual([...keys].sort())
    expect(status.profiles).toEqual([
      {
        name: 'default',
        host: t.server.issuer,
        account: 'erin',
        flow: 'device',
        store: 'file',
        active: true,
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        scopes: expect.arrayContaining(['openid']),
        tenant: 'acme',
        valid: true,
        source: 'file',
        location: t.box.file('credentials'),
      },
      {
        name: 'ci',
        host: `${t.server.issuer}/ci`,
        account: 'authcli-confidential',
        flow: 'client-credentials',
        store: 'file',
        active: false,
        expiresAt: expect.any(String),
        scopes: ['api:read'],
        tenant: null,
        valid: true,
        source: 'file',
        location: t.box.file('credentials'),
      },
    ])
    const shown = JSON.parse(ok(await t.box.authcli(['auth', 'status', '--json', '--show-token'])).stdout) as { profiles: Array<Record<string, unknown>> }
    for (const p of shown.profiles) expect(Object.keys(p).sort()).toEqual([...keys, 'token'].sort())
    expect(shown.profiles[0]?.token).toBe(await token())
  })
})
