// The contract (shared/design/CLI.md): every exit code, the error format, --json errors,
// --debug's request log, colours, --version and --help on every command, against the BUILT
// binary and the real dev server.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer } from '@auth/dev-server'
import { describe, expect, it } from 'vitest'
import pkg from '../package.json' with { type: 'json' }
import { BIN, deadPort, deviceLogin, fails, ok, patLogin, profileUrl, type RunResult, contractSuite } from './_contract.js'

const t = contractSuite()

describe('exit codes', () => {
  it('0: success', async () => {
    ok(await t.box.authcli(['config', 'list']))
  })

  it('1: an unexpected error (a bug) says so, and --debug shows the stack', async () => {
    // Only a bug reaches exit 1: make one by breaking a Node API under the CLI.
    const breaker = join(t.box.dir, 'break.cjs')
    await writeFile(
      breaker,
      "const real = JSON.stringify; JSON.stringify = function (v, ...a) { if (v && typeof v === 'object' && 'profiles' in v && 'active' in v) throw new TypeError('broken on purpose'); return real.call(this, v, ...a) }\n",
    )
    const env = { NODE_OPTIONS: `--require ${breaker}` }
    const result = fails(await t.box.authcli(['profiles', 'list', '--json'], { env }), 1)
    expect(result.stderr).toBe(
      '{"error":{"code":"INTERNAL_ERROR","message":"unexpected error (a bug in authcli): TypeError: broken on purpose","hint":"please report it; run again with --debug for the stack trace"}}\n',
    )
    expect(fails(await t.box.authcli(['profiles', 'list', '--json', '--debug'], { env }), 1).stderr).toMatch(/debug: TypeError: broken on purpose\n\[authcli\] debug: +at /)
  })

  it('2: usage or config error (a bad flag, a bad config file)', async () => {
    fails(await t.box.authcli(['auth', 'token', '--bogus']), 2, 'USAGE_ERROR')
    fails(await t.box.authcli(['nope']), 2, 'USAGE_ERROR')
    await writeFile(join(t.box.dir, 'bad.toml'), 'flow = \n')
    fails(await t.box.authcli(['auth', 'status', '--config', join(t.box.dir, 'bad.toml')]), 2, 'CONFIG_ERROR')
    fails(await t.box.authcli(['auth', 'token', '--config', join(t.box.dir, 'bad.toml')]), 2, 'CONFIG_ERROR')
  })

  it('4: authentication (no credential, invalid token, access denied, login timed out)', async () => {
    fails(await t.box.authcli(['auth', 'token', '--host', t.server.issuer]), 4, 'LOGIN_REQUIRED')
    fails(
      await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--token-stdin', '--profile-url', profileUrl(t.server)], { input: 'dvp_00000000000000000000000000000000' }),
      4,
      'INVALID_TOKEN',
    )
    fails(
      await t.box.authcli(['auth', 'login', '--host', t.server.issuer, '--client-credentials', '--client-id', 'authcli-confidential'], { env: { AUTHCLI_CLIENT_SECRET: 'wrong-secret-value-000' } }),
      4,
      'INVALID_CLIENT',
    )
    const running = t.box.start(['auth', 'login', '--host', t.server.issuer, '--device', '--json'])
    await t.server.denyDevice((JSON.parse(await running.nextLine()) as { user_code: string }).user_code)
    fails(await running.done, 4)
  })

  it('5: network (the server closed, a port with nothing on it)', async () => {
    const closed = await startDevServer({ port: 0 })
    const issuer = closed.issuer
    await closed.close()
    fails(await t.box.authcli(['auth', 'login', '--host', issuer, '--device']), 5, 'NETWORK_ERROR')
    const port = await deadPort()
    fails(await t.box.authcli(['auth', 'login', '--host', `http://127.0.0.1:${port}`, '--token-stdin'], { input: t.server.mintPat({ login: 'a', scopes: ['api:read'] }) }), 5, 'NETWORK_ERROR')
    fails(
      await t.box.authcli(['auth', 'login', '--host', `http://127.0.0.1:${port}`, '--client-credentials', '--client-id', 'x'], { env: { AUTHCLI_CLIENT_SECRET: 'some-secret-0000' } }),
      5,
      'NETWORK_ERROR',
    )
  })

  it('5: an expired token whose server is gone cannot be renewed', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20 })
    await deviceLogin(t.box, short)
    await short.close()
    expect(fails(await t.box.authcli(['auth', 'token']), 5).stderr).toMatch(/^error\[NETWORK_ERROR\]/m)
  })

  it('6: storage (a corrupt credentials file, a wrong encryption key)', async () => {
    await patLogin(t.box, t.server)
    await writeFile(t.box.file('credentials'), '{"version":1,"credentials":', { mode: 0o600 })
    fails(await t.box.authcli(['auth', 'token']), 6, 'STORAGE_ERROR')
    fails(await t.box.authcli(['auth', 'status']), 6, 'STORAGE_ERROR')
    const key = { AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }
    await patLogin(t.box, t.server, 'alice', ['--profile', 'enc', '--host', `${t.server.issuer}/enc`], key)
    const wrong = fails(await t.box.authcli(['auth', 'token'], { env: { ...key, AUTHCLI_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64') } }), 6, 'STORAGE_ERROR')
    expect(wrong.stderr).toContain('wrong encryption key')
  })

  it('130: Ctrl-C during auth login --device polling exits within a second and stores nothing', async () => {
    const running = t.box.start(['auth', 'login', '--host', t.server.issuer, '--device', '--json'])
    expect(JSON.parse(await running.nextLine())).toHaveProperty('user_code')
    await new Promise((resolve) => setTimeout(resolve, 150)) // polling
    const sent = performance.now()
    running.kill('SIGINT')
    const result = await running.done
    const ms = performance.now() - sent
    expect(result.code, result.stderr).toBe(130)
    expect(ms).toBeLessThan(1000)
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('{"error":{"code":"CANCELLED","message":"interrupted"}}')
    expect(existsSync(t.box.file('credentials'))).toBe(false)
    expect(existsSync(t.box.file('config.toml'))).toBe(false)
  })
})

describe('errors on stderr', () => {
  it('one line error[CODE]: message, a hint: line where a fix is known; --json: {"error":{"code","message"}}', async () => {
    const text = fails(await t.box.authcli(['auth', 'token', '--host', t.server.issuer]), 4)
    expect(text.stdout).toBe('')
    expect(text.stderr).toMatch(/^error\[LOGIN_REQUIRED\]: not logged in to http:\/\/127\.0\.0\.1:\d+\nhint: run `authcli auth login --host http:\/\/127\.0\.0\.1:\d+`\n$/)
    const json = fails(await t.box.authcli(['auth', 'token', '--host', t.server.issuer, '--json']), 4)
    expect(json.stdout).toBe('')
    expect(json.stderr.endsWith('\n')).toBe(true)
    expect(json.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(JSON.parse(json.stderr)).toEqual({
      error: {
        code: 'LOGIN_REQUIRED',
        message: expect.stringMatching(/^not logged in to /),
        hint: expect.any(String),
        login: { command: `authcli auth login --host ${t.server.issuer}`, begin: `authcli auth login --device --begin --json --host ${t.server.issuer}` },
      },
    })
    expect(JSON.parse(fails(await t.box.authcli(['nope', '--json']), 2).stderr)).toEqual({ error: { code: 'USAGE_ERROR', message: "unknown command 'nope' for 'authcli'", hint: expect.any(String) } })
  })
})

describe('--debug: every network-using command logs HTTP METHOD URL -> STATUS on stderr, secrets masked', () => {
  const REQUEST = /^\[authcli\] debug: HTTP (GET|POST|PUT|DELETE) http:\/\/127\.0\.0\.1:\d+\/\S* -> \d{3}/m

  it('login (PAT, client credentials, device), token (renewal), refresh, api, git-credential, logout (revocation)', async () => {
    const short = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 20, refreshedAccessTokenTtl: 20 })
    try {
      const runs: Array<[string, RunResult]> = []
      const pat = short.mintPat({ login: 'alice', scopes: ['api:read'] })
      runs.push([
        'login --token-stdin',
        ok(await t.box.authcli(['auth', 'login', '--host', short.issuer, '--profile', 'p', '--token-stdin', '--profile-url', `${short.issuer}/api/v1/profile`, '--debug'], { input: pat })),
      ])
      runs.push([
        'login --client-credentials',
        ok(
          await t.box.authcli(
            [
              'auth',
              'login',
              '--host',
              `${short.issuer}/cc`,
              '--issuer',
              short.issuer,
              '--profile',
              'cc',
              '--client-credentials',
              '--client-id',
              'authcli-confidential',
              '--scope',
              'api:read',
              '--debug',
            ],
            { env: { AUTHCLI_CLIENT_SECRET: short.clients.confidential.clientSecret } },
          ),
        ),
      ])
      runs.push(['login --device', await deviceLogin(t.box, short, 'erin', ['--debug'])])
      runs.push(['auth token (renewal)', ok(await t.box.authcli(['auth', 'token', '--debug']))])
      runs.push(['auth refresh', ok(await t.box.authcli(['auth', 'refresh', '--debug']))])
      runs.push(['api', ok(await t.box.authcli(['api', '/api/v1/profile', '--debug']))])
      runs.push(['git-credential get', ok(await t.box.authcli(['auth', 'git-credential', 'get', '--debug'], { input: `protocol=http\nhost=${new URL(short.issuer).host}\n\n` }))])
      runs.push(['auth logout', ok(await t.box.authcli(['auth', 'logout', '--debug']))])
      const credentials = JSON.parse(await readFile(t.box.file('credentials'), 'utf8')) as { credentials: Record<string, { accessToken: string }> }
      const secrets = [pat, short.clients.confidential.clientSecret, ...Object.values(credentials.credentials).map((c) => c.accessToken)]
      for (const [name, result] of runs) {
        expect(result.stderr, name).toMatch(REQUEST)
        for (const s of secrets) expect(result.stderr, `${name} shows a secret`).not.toContain(s)
      }
      expect(runs[0]?.[1].stderr).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/profile -> 200/)
      expect(runs.at(-1)?.[1].stderr).toMatch(/HTTP POST http:\/\/127\.0\.0\.1:\d+\/\S*revo\S* -> 200/)
    } finally {
      await short.close()
    }
  })

  it('the hot path logs no request: there is none', async () => {
    await patLogin(t.box, t.server)
    const result = ok(await t.box.authcli(['auth', 'token', '--debug']))
    expect(result.stderr).toContain('[authcli] debug:')
    expect(result.stderr).not.toMatch(REQUEST)
  })
})

describe('colours: only on a terminal, never with NO_COLOR or --no-color', () => {
  const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0
  const onTTY = (args: string[], env: Record<string, string> = {}) => {
    const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')
    return spawnSync('script', ['-qfec', command, '/dev/null'], { env: { ...t.box.env(env), TERM: 'xterm' }, encoding: 'utf8', timeout: 15_000 }).stdout
  }

  it('no colour in a pipe', async () => {
    const result = await t.box.authcli(['nope'])
    expect(result.stderr).not.toContain('\x1b[')
    expect(ok(await t.box.authcli(['--help'])).stdout).not.toContain('\x1b[')
  })

  it.skipIf(!HAS_SCRIPT)('colour on a terminal; none with NO_COLOR or --no-color', () => {
    expect(onTTY(['nope'])).toContain('\x1b[31merror[USAGE_ERROR]:')
    expect(onTTY(['nope'], { NO_COLOR: '1' })).not.toContain('\x1b[')
    expect(onTTY(['nope', '--no-color'])).not.toContain('\x1b[')
    expect(onTTY(['store', 'status'])).toContain('\x1b[')
    expect(onTTY(['store', 'status', '--no-color'])).not.toContain('\x1b[')
  })
})

describe('--version and --help', () => {
  it('--version prints the version, exit 0', async () => {
    expect(ok(await t.box.authcli(['--version']))).toMatchObject({ stdout: `${pkg.version}\n`, stderr: '' })
  })

  it('--help works on every command and group, exit 0, on stdout', async () => {
    const seen: string[] = []
    const visit = async (path: string[]) => {
      const result = ok(await t.box.authcli([...path, '--help']))
      expect(result.stderr).toBe('')
      expect(result.stdout).toMatch(new RegExp(`^Usage: authcli${path.map((p) => ` ${p}`).join('')}( |$)`, 'm'))
      for (const flag of ['--host', '--profile', '--config', '--json', '--debug', '--no-color', '--help']) expect(result.stdout, path.join(' ')).toContain(flag)
      seen.push(path.join(' '))
      const commands = /\nCommands:\n([\s\S]*?)(\n\n|$)/.exec(result.stdout)?.[1] ?? ''
      for (const name of commands
        .split('\n')
        .map((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1])
        .filter((n): n is string => n !== undefined && n !== 'help'))
        await visit([...path, name])
    }
    await visit([])
    expect(seen).toEqual(
      expect.arrayContaining([
        '',
        'auth',
        'auth login',
        'auth token',
        'auth status',
        'auth logout',
        'profiles list',
        'profiles use',
        'store status',
        'store migrate',
        'store rotate-key',
        'config get',
        'config set',
        'config list',
        'completion',
      ]),
    )
    console.log(`--help checked on ${seen.length} commands`)
  }, 60_000)
})
