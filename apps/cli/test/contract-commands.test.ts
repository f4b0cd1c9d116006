// The contract (shared/design/CLI.md), the Commands table rows after `auth`: profiles, store,
// config, api, completion. The BUILT binary, the real dev server, real files and real shells.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { clientLogin, deviceLogin, fails, fileCredentials, ok, patLogin, sandbox, whoIs, contractSuite } from './_contract.js'

const t = contractSuite()

const KEY = Buffer.alloc(32, 9).toString('base64')
const NEW_KEY = 'a new passphrase, rotated in'
const token = async (env: Record<string, string> = {}, args: string[] = []) => ok(await t.box.authcli(['auth', 'token', ...args], { env })).stdout.trim()

describe('row: authcli profiles list / authcli profiles use NAME', () => {
  it('lists the named profiles and switches the active one', async () => {
    await patLogin(t.box, t.server, 'alice', ['--profile', 'a'])
    await patLogin(t.box, t.server, 'bob', ['--profile', 'b', '--host', `${t.server.issuer}/b`])
    expect(JSON.parse(ok(await t.box.authcli(['profiles', 'list', '--json'])).stdout)).toEqual({
      active: 'b',
      profiles: [
        { name: 'a', host: t.server.issuer, flow: 'pat', active: false },
        { name: 'b', host: `${t.server.issuer}/b`, flow: 'pat', active: true },
      ],
    })
    ok(await t.box.authcli(['profiles', 'use', 'a']))
    expect(ok(await t.box.authcli(['profiles', 'list'])).stdout).toMatch(/^\*\s+a\s/m)
    fails(await t.box.authcli(['profiles', 'use', 'nope']), 2, 'CONFIG_ERROR')
  })
})

describe('row: authcli store status', () => {
  it('which stores are reachable and why not', async () => {
    await patLogin(t.box, t.server)
    const status = JSON.parse(ok(await t.box.authcli(['store', 'status', '--json'], { env: { AUTHCLI_ENCRYPTION_KEY: KEY } })).stdout) as {
      stores: Array<{ kind: string; available: boolean; reason: string | null; credentials: number | null }>
    }
    expect(status.stores.map((s) => s.kind)).toEqual(['keychain', 'encrypted', 'file', 'memory'])
    expect(status.stores[0]).toMatchObject({ available: false, reason: expect.any(String) })
    expect(status.stores[1]).toMatchObject({ available: true, credentials: 0 })
    expect(status.stores[2]).toMatchObject({ available: true, credentials: 1 })
  })
})

describe('row: authcli store migrate --to keychain|file|encrypted', () => {
  it('file -> encrypted: every credential moved (written, read back, deleted), new logins go there, --json report', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    await clientLogin(t.box, t.server, ['api:read'], ['--profile', 'ci', '--host', `${t.server.issuer}/ci`, '--issuer', t.server.issuer])
    const ccToken = await token({}, ['--profile', 'ci'])
    const env = { AUTHCLI_ENCRYPTION_KEY: KEY, AUTHCLI_STORE: '' }
    const result = ok(await t.box.authcli(['store', 'migrate', '--to', 'encrypted', '--json'], { env }))
    expect(JSON.parse(result.stdout)).toEqual({
      to: 'encrypted',
      from: ['file'],
      moved: [
        { host: t.server.issuer, account: 'alice', from: 'file', outcome: 'moved' },
        { host: `${t.server.issuer}/ci`, account: 'authcli-confidential', from: 'file', outcome: 'moved' },
      ],
      profiles: ['default', 'ci'],
      configUpdated: true,
    })
    expect(await fileCredentials(t.box)).toEqual({})
    const sealed = await t.box.read('credentials.enc')
    expect(sealed).not.toContain(pat)
    expect((await stat(t.box.file('credentials.enc'))).mode & 0o777).toBe(0o600)
    expect(await t.box.read('config.toml')).not.toMatch(/store = "file"/)
    expect(await token(env, ['--profile', 'default'])).toBe(pat)
    expect(await token(env, ['--profile', 'ci'])).toBe(ccToken)
    // A new login goes to the encrypted store; the file stays empty.
    await patLogin(t.box, t.server, 'bob', ['--profile', 'new', '--host', `${t.server.issuer}/new`], env)
    expect(await fileCredentials(t.box)).toEqual({})
    expect(JSON.parse(ok(await t.box.authcli(['store', 'status', '--json'], { env })).stdout).stores[1]).toMatchObject({ kind: 'encrypted', credentials: 3 })
    // And back: encrypted -> file.
    ok(await t.box.authcli(['store', 'migrate', '--to', 'file'], { env }))
    expect(Object.keys(await fileCredentials(t.box))).toHaveLength(3)
    expect(await token({ AUTHCLI_STORE: '' }, ['--profile', 'default'])).toBe(pat)
  })

  it('text output on stderr: one line per credential and a summary', async () => {
    await patLogin(t.box, t.server, 'alice')
    const result = ok(await t.box.authcli(['store', 'migrate', '--to', 'encrypted'], { env: { AUTHCLI_ENCRYPTION_KEY: KEY, AUTHCLI_STORE: '' } }))
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(`  ${t.server.issuer} (alice): file -> encrypted\n✓ Moved 1 credential to the encrypted store; new logins of default go there\n`)
  })

  it('to the keychain when it is unreachable: exit 6, fail closed, nothing moved', async () => {
    const pat = await patLogin(t.box, t.server, 'alice')
    const before = await t.box.read('credentials')
    fails(await t.box.authcli(['store', 'migrate', '--to', 'keychain'], { env: { DBUS_SESSION_BUS_ADDRESS: '' } }), 6, 'STORAGE_ERROR')
    expect(await t.box.read('credentials')).toBe(before)
    expect(await t.box.read('config.toml')).toContain('store = "file"')
    expect(await token()).toBe(pat)
  })

  it('to encrypted with a wrong key for an existing file: exit 6, nothing moved', async () => {
    await patLogin(t.box, t.server, 'alice', ['--store', 'encrypted'], { AUTHCLI_ENCRYPTION_KEY: KEY })
    await patLogin(t.box, t.server, 'bob', ['--profile', 'b', '--host', `${t.server.issuer}/b`])
    fails(await t.box.authcli(['store', 'migrate', '--to', 'encrypted'], { env: { AUTHCLI_ENCRYPTION_KEY: 'the wrong passphrase' } }), 6, 'STORAGE_ERROR')
    expect(Object.keys(await fileCredentials(t.box))).toHaveLength(1)
  })

  it('a failure midway leaves every credential in one store: a target whose folder cannot be written', async () => {
    // Root ignores file modes, so this needs a non-root user; the in-process test with a store
    // failing on its Nth write (src/stores/migrate-credentials.test.ts) covers every position.
    if (process.getuid?.() === 0) return
    await patLogin(t.box, t.server, 'alice')
    await chmod(t.box.configDir, 0o500)
    try {
      fails(await t.box.authcli(['store', 'migrate', '--to', 'encrypted'], { env: { AUTHCLI_ENCRYPTION_KEY: KEY } }), 6, 'STORAGE_ERROR')
    } finally {
      await chmod(t.box.configDir, 0o700)
    }
    expect(Object.keys(await fileCredentials(t.box))).toHaveLength(1)
  })

  it('--to missing or not a store: exit 2', async () => {
    fails(await t.box.authcli(['store', 'migrate']), 2, 'USAGE_ERROR')
    fails(await t.box.authcli(['store', 'migrate', '--to', 'memory']), 2, 'USAGE_ERROR')
  })
})

describe('row: authcli store rotate-key', () => {
  // No AUTHCLI_STORE: each profile's recorded store (encrypted) decides.
  beforeEach(async () => {
    await t.box.cleanup()
    t.box = await sandbox({})
  })

  async function sealed(): Promise<string> {
    const pat = await patLogin(t.box, t.server, 'alice', ['--store', 'encrypted'], { AUTHCLI_ENCRYPTION_KEY: KEY })
    await deviceLogin(t.box, t.server, 'erin', ['--profile', 'd', '--host', `${t.server.issuer}/d`, '--issuer', t.server.issuer, '--store', 'encrypted'], { AUTHCLI_ENCRYPTION_KEY: KEY })
    return pat
  }

  it('re-encrypts under AUTHCLI_NEW_ENCRYPTION_KEY; later commands work with the new key only', async () => {
    const pat = await sealed()
    const result = ok(await t.box.authcli(['store', 'rotate-key', '--json'], { env: { AUTHCLI_ENCRYPTION_KEY: KEY, AUTHCLI_NEW_ENCRYPTION_KEY: NEW_KEY } }))
    expect(JSON.parse(result.stdout)).toEqual({ file: t.box.file('credentials.enc'), rotated: true, credentials: 2 })
    expect(await token({ AUTHCLI_ENCRYPTION_KEY: NEW_KEY }, ['--profile', 'default'])).toBe(pat)
    expect(ok(await t.box.authcli(['auth', 'status', '--profile', 'd'], { env: { AUTHCLI_ENCRYPTION_KEY: NEW_KEY } })).stdout).toContain('erin')
    fails(await t.box.authcli(['auth', 'token'], { env: { AUTHCLI_ENCRYPTION_KEY: KEY } }), 6, 'STORAGE_ERROR')
  })

  it('no AUTHCLI_NEW_ENCRYPTION_KEY: exit 2 naming it, the file untouched', async () => {
    await sealed()
    const before = await t.box.read('credentials.enc')
    const result = fails(await t.box.authcli(['store', 'rotate-key'], { env: { AUTHCLI_ENCRYPTION_KEY: KEY } }), 2)
    expect(result.stderr).toMatch(/^error\[CONFIG_ERROR\]: AUTHCLI_NEW_ENCRYPTION_KEY is not set/)
    expect(await t.box.read('credentials.enc')).toBe(before)
  })

  it('a wrong old key: exit 6, the file untouched, the old key still works', async () => {
    const pat = await sealed()
    const before = await t.box.read('credentials.enc')
    fails(await t.box.authcli(['store', 'rotate-key'], { env: { AUTHCLI_ENCRYPTION_KEY: 'not the right passphrase', AUTHCLI_NEW_ENCRYPTION_KEY: NEW_KEY } }), 6, 'STORAGE_ERROR')
    expect(await t.box.read('credentials.enc')).toBe(before)
    expect(await token({ AUTHCLI_ENCRYPTION_KEY: KEY }, ['--profile', 'default'])).toBe(pat)
  })
})

describe('row: authcli config get|set|list KEY [VALUE]', () => {
  it('preferences in the config file', async () => {
    expect(ok(await t.box.authcli(['config', 'set', 'profiles.work.host', 'https://api.example.com'])).stdout).toBe('')
    ok(await t.box.authcli(['config', 'set', 'scopes', 'openid api:read', '--profile', 'work']))
    expect(ok(await t.box.authcli(['config', 'get', 'host', '--profile', 'work'])).stdout).toBe('https://api.example.com\n')
    expect(JSON.parse(ok(await t.box.authcli(['config', 'get', 'scopes', '--profile', 'work', '--json'])).stdout)).toEqual(['openid', 'api:read'])
    expect(JSON.parse(ok(await t.box.authcli(['config', 'list', '--json'])).stdout)).toEqual({ 'profiles.work.host': 'https://api.example.com', 'profiles.work.scopes': 'openid api:read' })
    fails(await t.box.authcli(['config', 'get', 'nope']), 2, 'CONFIG_ERROR')
  })
})

describe('row: authcli api PATH [--method M] [--data JSON]', () => {
  it('an authenticated request to the host: bearer token and tenant header', async () => {
    await patLogin(t.box, t.server, 'alice', ['--tenant', 'acme'])
    const profile = JSON.parse(ok(await t.box.authcli(['api', '/api/v1/profile'])).stdout) as { login: string }
    expect(profile.login).toBe('alice')
    const echo = JSON.parse(ok(await t.box.authcli(['api', '/api/v1/echo', '--method', 'PUT', '--data', '{"a":[1,2]}'])).stdout) as Record<string, unknown>
    expect(echo).toMatchObject({ tenant: 'acme', login: 'alice', method: 'PUT', path: '/api/v1/echo', body: { a: [1, 2] } })
    expect(JSON.stringify(echo.headers)).not.toMatch(/authorization/i)
  })

  it('refreshes and retries once on 401', async () => {
    await deviceLogin(t.box, t.server)
    const file = t.box.file('credentials')
    const document = JSON.parse(await readFile(file, 'utf8')) as { credentials: Record<string, { accessToken: string; expiresAt: number }> }
    for (const c of Object.values(document.credentials)) Object.assign(c, { accessToken: 'revoked-or-garbage-token-0000', expiresAt: Date.now() + 3_600_000 })
    await writeFile(file, JSON.stringify(document), { mode: 0o600 })
    t.server.resetCounters()
    const echo = JSON.parse(ok(await t.box.authcli(['api', '/api/v1/echo'])).stdout) as { login: string }
    expect(echo.login).toBe('erin')
    expect(t.server.counters().refresh_token).toBe(1)
    expect(t.server.counters().echo).toBe(2)
    expect(Object.values(await fileCredentials(t.box))[0]?.accessToken).not.toBe('revoked-or-garbage-token-0000')
  })

  it('a refused request is not exit 0', async () => {
    await patLogin(t.box, t.server, 'alice')
    const scopeless = t.server.mintPat({ login: 'zed', scopes: [] })
    expect((await t.box.authcli(['api', '/api/v1/profile'], { env: { AUTHCLI_TOKEN: scopeless } })).code).not.toBe(0)
  })
})

describe('row: authcli completion bash|zsh|fish', () => {
  it('bash: sourced in a real bash, completes commands, subcommands, flags and --store / --to / completion values', async () => {
    const script = ok(await t.box.authcli(['completion', 'bash'])).stdout
    const file = join(t.box.dir, 'authcli.bash')
    await writeFile(file, script)
    const complete = (words: string[]) => {
      const quoted = words.map((w) => `'${w}'`).join(' ')
      const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _authcli; echo "\${COMPREPLY[*]}"`], {
        encoding: 'utf8',
      })
      expect(result.stderr).toBe('')
      return result.stdout.trim().split(' ').filter(Boolean)
    }
    expect(complete(['authcli', ''])).toEqual(expect.arrayContaining(['auth', 'config', 'profiles', 'store', 'completion', 'help']))
    expect(complete(['authcli', 'sto'])).toEqual(['store'])
    expect(complete(['authcli', 'store', ''])).toEqual(expect.arrayContaining(['status', 'migrate', 'rotate-key']))
    expect(complete(['authcli', 'auth', 'login', '--client-c'])).toEqual(['--client-credentials'])
    expect(complete(['authcli', 'auth', 'login', '--store', ''])).toEqual(['auto', 'keychain', 'file', 'encrypted', 'memory'])
    expect(complete(['authcli', 'store', 'migrate', '--to', 'k'])).toEqual(['keychain'])
    expect(complete(['authcli', 'completion', ''])).toEqual(['bash', 'zsh', 'fish'])
  })

  it.each(['zsh', 'fish'])('%s: a script its shell accepts (syntax check where installed)', async (shell) => {
    const script = ok(await t.box.authcli(['completion', shell])).stdout
    expect(script).toContain(shell === 'zsh' ? '#compdef authcli' : 'complete -c authcli')
    const installed = spawnSync(shell, ['-c', 'exit 0']).status === 0
    if (!installed) return
    const file = join(t.box.dir, `authcli.${shell}`)
    await writeFile(file, script)
    const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' })
    expect(check.status, check.stderr).toBe(0)
  })

  it('works while the config file is broken', async () => {
    await writeFile(join(t.box.dir, 'broken.toml'), '[[[ not toml\n')
    fails(await t.box.authcli(['config', 'list', '--config', join(t.box.dir, 'broken.toml')]), 2, 'CONFIG_ERROR')
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = ok(await t.box.authcli(['completion', shell], { env: { AUTHCLI_CONFIG: join(t.box.dir, 'broken.toml') } }))
      expect(result.stdout.length).toBeGreaterThan(500)
      expect(result.stderr).toBe('')
    }
  })

  it('another shell: exit 2', async () => {
    fails(await t.box.authcli(['completion', 'powershell']), 2, 'USAGE_ERROR')
  })
})

describe('files: a flyte-style YAML config (--config FILE.yaml)', () => {
  const flyte = (endpoint: string, authType: string, extra = '') => `# flytectl config\nadmin:\n  endpoint: ${endpoint}\n  authType: ${authType}\n  insecure: true\n${extra}logger:\n  level: 0\n`

  it('ClientSecret: logs in with clientId, clientSecretEnvVar and scopes from the file; nothing written to it', async () => {
    const yaml = join(t.box.dir, 'config.yaml')
    const text = flyte(`dns:///${new URL(t.server.issuer).host}`, 'ClientSecret', '  clientId: authcli-confidential\n  clientSecretEnvVar: FLYTE_SECRET\n  scopes: [api:read]\n')
    await writeFile(yaml, text)
    const env = { FLYTE_SECRET: t.server.clients.confidential.clientSecret }
    const login = ok(await t.box.authcli(['auth', 'login', '--config', yaml, '--json'], { env }))
    expect(JSON.parse(login.stdout)).toEqual({ host: t.server.issuer, account: 'authcli-confidential', flow: 'client-credentials', store: 'file', profile: 'default' })
    expect(await readFile(yaml, 'utf8')).toBe(text)
    expect(existsSync(t.box.file('config.toml'))).toBe(false)
    const access = ok(await t.box.authcli(['auth', 'token', '--config', yaml], { env })).stdout.trim()
    expect(await whoIs(t.server, access)).toMatchObject({ clientId: 'authcli-confidential', scopes: ['api:read'] })
  })

  it('DeviceFlow via AUTHCLI_CONFIG=FILE.yml, endpoint as host:port', async () => {
    const yml = join(t.box.dir, 'flyte.yml')
    await writeFile(yml, flyte(new URL(t.server.issuer).host, 'DeviceFlow'))
    const running = t.box.start(['auth', 'login', '--json'], { env: { AUTHCLI_CONFIG: yml } })
    const code = JSON.parse(await running.nextLine()) as { user_code: string }
    await t.server.approveDevice(code.user_code, { login: 'fran' })
    ok(await running.done)
    expect((await whoIs(t.server, await token({ AUTHCLI_CONFIG: yml })))?.login).toBe('fran')
  })

  it('ClientSecret with clientSecretLocation', async () => {
    const secretFile = join(t.box.dir, 'client_secret')
    await writeFile(secretFile, `${t.server.clients.confidential.clientSecret}\n`, { mode: 0o600 })
    const yaml = join(t.box.dir, 'c.yaml')
    await writeFile(yaml, flyte(t.server.issuer, 'ClientSecret', `  clientId: authcli-confidential\n  clientSecretLocation: ${secretFile}\n  scopes:\n    - api:write\n`))
    ok(await t.box.authcli(['auth', 'login', '--config', yaml]))
    expect((await whoIs(t.server, await token({}, ['--config', yaml])))?.scopes).toEqual(['api:write'])
  })

  // Issue 15, finding 2: an attacker-controlled YAML file (world-writable, or in a folder others
  // may write) must not send ~/.git-credentials to the attacker's endpoint as a client secret.
  it.each([
    ['the file is world-writable', 0o666, 0o700],
    ['the file is group-writable', 0o664, 0o700],
    ['its folder is world-writable', 0o644, 0o777],
  ])('an attacker-controlled YAML config (%s) naming clientSecretLocation is refused with exit 2 before any request', async (_, fileMode, folderMode) => {
    let requests = 0
    const attacker = createServer((_req, res) => {
      requests++
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
    try {
      const canary = 'git-credentials-canary-0123456789'
      const gitCredentials = join(t.box.home, '.git-credentials')
      await writeFile(gitCredentials, `https://me:${canary}@github.com\n`, { mode: 0o600 })
      const folder = join(t.box.dir, 'shared')
      await mkdir(folder)
      const yaml = join(folder, 'flyte.yaml')
      const port = (attacker.address() as AddressInfo).port
      await writeFile(yaml, flyte(`dns:///127.0.0.1:${port}`, 'ClientSecret', `  clientId: x\n  clientSecretLocation: ${gitCredentials}\n`))
      await chmod(yaml, fileMode)
      await chmod(folder, folderMode)
      for (const args of [
        ['auth', 'login', '--config', yaml],
        ['auth', 'token', '--config', yaml],
        ['api', '/x', '--config', yaml],
      ]) {
        const result = fails(await t.box.authcli(args), 2, 'CONFIG_ERROR')
        expect(result.stderr).toContain('refusing to trust it')
        expect(result.stderr).toMatch(/hint: chmod go-w /)
        expect(result.stdout + result.stderr).not.toContain(canary)
      }
      expect(fails(await t.box.authcli(['auth', 'login'], { env: { AUTHCLI_CONFIG: yaml } }), 2, 'CONFIG_ERROR').stderr).toContain('refusing to trust it')
      expect(requests).toBe(0)
    } finally {
      attacker.close()
    }
  })

  it('is read-only: config set exits 2 with a hint', async () => {
    const yaml = join(t.box.dir, 'config.yaml')
    await writeFile(yaml, flyte(t.server.issuer, 'Pkce'))
    const result = fails(await t.box.authcli(['config', 'set', 'tenant', 'acme', '--config', yaml]), 2, 'CONFIG_ERROR')
    expect(result.stderr).toContain(`error[CONFIG_ERROR]: ${yaml} is a flyte-style YAML config, which authcli reads but never writes\nhint: `)
    expect(ok(await t.box.authcli(['config', 'get', 'host', '--config', yaml])).stdout).toBe(`${t.server.issuer}\n`)
    expect(ok(await t.box.authcli(['config', 'get', 'flow', '--config', yaml])).stdout).toBe('pkce\n')
  })

  it.each([
    ['garbage', 'admin: [unclosed\n', /:2:1: invalid YAML \(near key admin\): /],
    ['a wrong type', 'admin:\n  endpoint: dns:///h.example.com\n  clientId: 42\n', /:3: admin\.clientId: must be a string/],
    ['an unknown authType', 'admin:\n  endpoint: dns:///h.example.com\n  authType: ExternalCommand\n', /:3: admin\.authType: unknown authType "ExternalCommand"/],
  ])('%s: exit 2 naming the file, the line and the key', async (_name, text, message) => {
    const yaml = join(t.box.dir, 'bad.yaml')
    await writeFile(yaml, text)
    const result = fails(await t.box.authcli(['auth', 'status', '--config', yaml]), 2, 'CONFIG_ERROR')
    expect(result.stderr).toMatch(new RegExp(`^error\\[CONFIG_ERROR\\]: ${yaml.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${message.source}`))
  })
})
