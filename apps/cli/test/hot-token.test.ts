// End-to-end: `authcli auth token` answered by the hot path (src/hot-token.ts: the token index,
// node:fs alone, without loading the CLI) gives exactly what the full CLI gives, and any change
// the answer depends on sends the run through the full CLI again. Real processes, the built
// binary, the real dev server. Which path answered is observed, not assumed: a preloaded script
// records whether the CLI's own module (cli-main.cjs) was loaded.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, open, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type PathProbe, writePathProbe } from './_path-probe.js'
import { BIN, baseEnv, ok, requireBuilt, run, runAsync, type RunResult, tempHome } from './_run.js'

let server: DevServer
let dir: string
let home: string
let configDir: string
let probe: PathProbe

beforeAll(async () => {
  requireBuilt()
  server = await startDevServer({ port: 0 })
})
afterAll(() => server?.close())
beforeEach(async () => {
  ;({ dir, home, configDir } = await tempHome('hot'))
  // Records `full` (the CLI proper was loaded) or `hot` for each run.
  probe = await writePathProbe(dir)
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const env = (extra: Record<string, string> = {}) => baseEnv(home, configDir, { NODE_OPTIONS: `--require ${probe.file}`, ...extra })
const authcli = (args: string[], extra: Record<string, string> = {}, input?: string) => run(env(extra), args, input)
const indexFile = () => join(configDir, '.token-index.json')
const profileUrl = () => `${server.issuer}/api/v1/profile`

/** The paths of the runs `action` makes. */
async function pathsOf(action: () => Promise<unknown>): Promise<string[]> {
  const before = (await probe.paths()).length
  await action()
  return (await probe.paths()).slice(before)
}

async function loginPat(login = 'alice', extra: string[] = []): Promise<string> {
  const token = server.mintPat({ login, scopes: ['api:read'] })
  ok(await authcli(['auth', 'login', '--host', server.issuer, '--with-token', '--profile-url', profileUrl(), '--store', 'file', ...extra], {}, `${token}\n`))
  return token
}

describe('auth token from the token index', () => {
  it('answers the second identical run without loading the CLI, with the same output; the index holds no secret', async () => {
    const token = await loginPat()
    const runs: RunResult[] = []
    const order = await pathsOf(async () => {
      for (let i = 0; i < 3; i++) runs.push(ok(await authcli(['auth', 'token'])))
    })
    expect(order).toEqual(['full', 'hot', 'hot'])
    for (const result of runs) expect([result.stdout, result.stderr]).toEqual([`${token}\n`, ''])
    expect((await stat(indexFile())).mode & 0o777).toBe(0o600)
    expect(await readFile(indexFile(), 'utf8')).not.toContain(token)
    // Flags the hot path takes, in both spellings: each combination is recorded once.
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token', '--profile=default', '--no-color'])).stdout).toBe(`${token}\n`))).toEqual(['full'])
    expect(await pathsOf(async () => expect(ok(await authcli(['--no-color', 'auth', '--profile', 'default', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['hot'])
    // Anything else goes through the full CLI: --json, another command, an unknown flag.
    expect(await pathsOf(async () => expect(JSON.parse(ok(await authcli(['auth', 'token', '--json'])).stdout).token).toBe(token))).toEqual(['full'])
    expect(await pathsOf(async () => expect((await authcli(['auth', 'token', '--nope'])).code).toBe(2))).toEqual(['full'])
  })

  it('goes through the full CLI whenever the credentials, the config or the environment changed', async () => {
    const first = await loginPat('alice')
    ok(await authcli(['auth', 'token']))
    // A new login rewrites the credentials file: the new token, never the recorded one.
    const second = await loginPat('alice')
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${second}\n`))).toEqual(['full'])
    expect(second).not.toBe(first)
    // The config changes (another profile becomes active, then back): each change is read in full.
    ok(await authcli(['config', 'set', 'tenant', 'acme']))
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${second}\n`))).toEqual(['full'])
    expect(await pathsOf(async () => ok(await authcli(['auth', 'token'])))).toEqual(['hot'])
    // Another environment: AUTHCLI_TOKEN wins, recorded as such; its new value is what is printed.
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'], { AUTHCLI_TOKEN: 'env_token_1' })).stdout).toBe('env_token_1\n'))).toEqual(['full'])
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'], { AUTHCLI_TOKEN: ' env_token_2 ' })).stdout).toBe('env_token_2\n'))).toEqual(['hot'])
    // A token variable the full CLI refuses is refused the same way (the hot path declines it).
    const bad = await authcli(['auth', 'token'], { AUTHCLI_TOKEN: 'two words' })
    expect([bad.code, bad.stdout]).toEqual([2, ''])
    expect(bad.stderr).toContain('AUTHCLI_TOKEN does not hold a single token')
    // Unset again: the stored token, from the index recorded before.
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${second}\n`))).toEqual(['hot'])
    // Logged out: LOGIN_REQUIRED, not the token the index once pointed at.
    ok(await authcli(['auth', 'logout']))
    const after = await authcli(['auth', 'token'])
    expect([after.code, after.stdout]).toEqual([4, ''])
    expect(after.stderr).toContain('LOGIN_REQUIRED')
  })

  it('hands out AUTHCLI_TOKEN without an index where no config folder exists and nothing else is set', async () => {
    const bare = await pathsOf(async () => {
      expect(ok(await authcli(['auth', 'token'], { AUTHCLI_TOKEN: ' ci_token ' })).stdout).toBe('ci_token\n')
      expect(ok(await authcli(['auth', 'token', '--no-color'], { AUTHCLI_TOKEN: 'ci_token' })).stdout).toBe('ci_token\n')
    })
    expect(bare).toEqual(['hot', 'hot'])
    // Anything the full CLI would read or check goes through it: another variable, a flag, a bad token.
    const full = await pathsOf(async () => {
      expect(ok(await authcli(['auth', 'token'], { AUTHCLI_TOKEN: 'ci_token', AUTHCLI_HOST: server.issuer })).stdout).toBe('ci_token\n')
      expect((await authcli(['auth', 'token'], { AUTHCLI_TOKEN: 'ci_token', AUTHCLI_STORE: 'nope' })).code).toBe(2)
      expect(ok(await authcli(['auth', 'token', '--profile', 'x'], { AUTHCLI_TOKEN: 'ci_token' })).stdout).toBe('ci_token\n')
      expect((await authcli(['auth', 'token'], { AUTHCLI_TOKEN: 'a b' })).code).toBe(2)
      expect((await authcli(['auth', 'token'], { AUTHCLI_TOKEN: '' })).code).toBe(4)
    })
    expect(full).toEqual(['full', 'full', 'full', 'full', 'full'])
    expect((await stat(configDir).catch(() => undefined))?.isDirectory()).not.toBe(true)
  })

  it('keeps the full CLI’s refusals: a config or folder others may write, a tampered index', async () => {
    const token = await loginPat()
    ok(await authcli(['auth', 'token']))
    await chmod(join(configDir, 'config.toml'), 0o666)
    const config = await authcli(['auth', 'token'])
    expect([config.code, config.stdout]).toEqual([2, ''])
    expect(config.stderr).toContain('chmod go-w')
    await chmod(join(configDir, 'config.toml'), 0o600)
    ok(await authcli(['auth', 'token']))
    await chmod(configDir, 0o777)
    const folder = await authcli(['auth', 'token'])
    expect([folder.code, folder.stdout]).toEqual([2, ''])
    await chmod(configDir, 0o700)
    expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`)
    // An index another user could have written is not read; one that is not this format is ignored.
    await chmod(indexFile(), 0o666)
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['full'])
    await writeFile(indexFile(), '{"version":1,"entries":[{"inputs":1}]', { mode: 0o600 })
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['full'])
    expect(await pathsOf(async () => ok(await authcli(['auth', 'token'])))).toEqual(['hot'])
  })

  it('leaves a token that came within the refresh skew since it was recorded to the full CLI', async () => {
    // A PAT the server says expires in 68 s: fresh for 8 s more (the refresh skew is 60 s), room
    // for the login and two runs on a loaded 2-core CI machine (2 s, less the whole-second rounding of
    // the expiry, is not: the token could be inside the skew before the run meant to find it fresh).
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'], expiresIn: 68 })
    ok(await authcli(['auth', 'login', '--host', server.issuer, '--with-token', '--profile-url', profileUrl(), '--store', 'file'], {}, `${token}\n`))
    const credential = JSON.parse(await readFile(join(configDir, 'credentials'), 'utf8')).credentials[`${server.issuer}#alice`]
    expect(typeof credential.expiresAt).toBe('number')
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['full'])
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['hot'])
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, credential.expiresAt - 60_000 - Date.now()) + 100))
    // Inside the skew the full CLI decides (renew, or, as here for a PAT nothing can renew, use it
    // for the time it has left, under the refresh lock); the hot path never does.
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['full'])
    expect(await pathsOf(async () => ok(await authcli(['auth', 'token'])))).toEqual(['full'])
  })
})

/** `authcli ARGS` run in the folder `cwd`, with its stdout going to the file `stdout` (else a pipe), or through `command` (`[file, ...args]` that ends by running node and the CLI). */
async function runWith(args: string[], options: { cwd?: string; stdout?: string; extra?: Record<string, string>; command?: string[] }): Promise<RunResult> {
  const out = options.stdout === undefined ? 'pipe' : await open(options.stdout, 'w')
  try {
    const [file = process.execPath, ...before] = options.command ?? [process.execPath, BIN]
    const child = spawn(file, [...before, ...args], { cwd: options.cwd, env: env(options.extra), stdio: ['ignore', out === 'pipe' ? 'pipe' : out.fd, 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk))
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    return { code, stdout, stderr, ms: 0 }
  } finally {
    if (out !== 'pipe') await out.close()
  }
}

describe('auth token from the token index: what the review found', () => {
  it('reads a relative --config or AUTHCLI_CONFIG from the folder it runs in: another folder, another account', async () => {
    const alice = await loginPat('alice')
    const bob = await loginPat('bob')
    for (const [name, account] of [
      ['one', 'alice'],
      ['two', 'bob'],
    ] as const) {
      await mkdir(join(dir, name))
      await writeFile(join(dir, name, 'authcli.toml'), `[profiles.default]\nhost = "${server.issuer}"\nstore = "file"\naccount = "${account}"\n`, { mode: 0o600 })
    }
    const inFolder = (name: string, args: string[], extra: Record<string, string> = {}) => runWith(args, { cwd: join(dir, name), extra })
    for (const [args, extra] of [
      [['auth', 'token', '--config', 'authcli.toml'], {}],
      [['auth', 'token'], { AUTHCLI_CONFIG: 'authcli.toml' }],
    ] as const) {
      expect(ok(await inFolder('one', [...args], extra)).stdout).toBe(`${alice}\n`)
      expect(ok(await inFolder('one', [...args], extra)).stdout).toBe(`${alice}\n`)
      expect(ok(await inFolder('two', [...args], extra)).stdout).toBe(`${bob}\n`)
    }
    // An absolute path means the same file wherever it runs: answered from the index.
    const absolute = ['auth', 'token', '--config', join(dir, 'two', 'authcli.toml')]
    expect(
      await pathsOf(async () => {
        expect(ok(await inFolder('one', absolute)).stdout).toBe(`${bob}\n`)
        expect(ok(await inFolder('two', absolute)).stdout).toBe(`${bob}\n`)
      }),
    ).toEqual(['full', 'hot'])
  })

  it('answers in a working folder that was deleted, as the full CLI does', async () => {
    const token = await loginPat()
    const inGone = ['sh', '-c', 'mkdir "$0" && cd "$0" && rmdir "$0" && exec "$@"', join(dir, 'gone'), process.execPath, BIN]
    const order = await pathsOf(async () => {
      for (let i = 0; i < 2; i++) expect(await runWith(['auth', 'token'], { command: inGone })).toMatchObject({ code: 0, stdout: `${token}\n`, stderr: '' })
    })
    expect(order).toEqual(['full', 'hot'])
  })

  it('refuses an AUTHCLI_ENCRYPTION_KEY the full CLI refuses, even for a profile whose store is file', async () => {
    await loginPat()
    const key = Buffer.alloc(32, 7).toString('base64')
    ok(await authcli(['auth', 'token'], { AUTHCLI_ENCRYPTION_KEY: key }))
    ok(await authcli(['auth', 'token'], { AUTHCLI_ENCRYPTION_KEY: key }))
    const short = await authcli(['auth', 'token'], { AUTHCLI_ENCRYPTION_KEY: 'short' })
    expect([short.code, short.stdout]).toEqual([2, ''])
    expect(short.stderr).toContain('AUTHCLI_ENCRYPTION_KEY is too short')
    ok(await authcli(['auth', 'token'], { AUTHCLI_ENCRYPTION_KEY: '' }))
    ok(await authcli(['auth', 'token'], { AUTHCLI_ENCRYPTION_KEY: '' }))
    const blank = await authcli(['auth', 'token'], { AUTHCLI_ENCRYPTION_KEY: ' ' })
    expect([blank.code, blank.stdout]).toEqual([2, ''])
    expect(blank.stderr).toContain('AUTHCLI_ENCRYPTION_KEY is empty')
  })

  it('refuses a proxy variable the full CLI refuses, with or without an index', async () => {
    const token = await loginPat()
    ok(await authcli(['auth', 'token']))
    // A proxy that is a URL changes nothing for a token that needs no request: answered from the index.
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'], { HTTPS_PROXY: 'http://127.0.0.1:9' })).stdout).toBe(`${token}\n`))).toEqual(['hot'])
    for (const extra of [{ HTTPS_PROXY: 'ftp://proxy.corp' }, { all_proxy: 'http://' }, { HTTP_PROXY: ' ', http_proxy: 'socks6://p:1' }]) {
      const result = await authcli(['auth', 'token'], extra)
      expect([result.code, result.stdout], JSON.stringify(extra)).toEqual([2, ''])
      expect(result.stderr).toMatch(/_proxy is not a proxy URL/i)
    }
    await rm(configDir, { recursive: true })
    const bare = await authcli(['auth', 'token'], { AUTHCLI_TOKEN: 'ci_token', https_proxy: 'ftp://proxy.corp' })
    expect([bare.code, bare.stdout, bare.stderr.split('\n')[0]]).toEqual([2, '', 'error[CONFIG_ERROR]: https_proxy is not a proxy URL'])
  })

  it('keeps the full CLI’s report of a config folder below a file or a loop of links, in every command', async () => {
    await writeFile(join(dir, 'a-file'), 'x')
    await symlink(join(dir, 'loop'), join(dir, 'loop'))
    for (const extra of [{ AUTHCLI_CONFIG_DIR: join(dir, 'a-file') }, { AUTHCLI_CONFIG: join(dir, 'loop') }]) {
      for (const args of [
        ['auth', 'token'],
        ['config', 'list'],
        ['auth', 'token'],
        ['auth', 'token', '--json'],
      ]) {
        const result = await authcli(args, { AUTHCLI_TOKEN: 'ci_token', ...extra })
        expect([result.code, result.stdout], `${args.join(' ')} ${JSON.stringify(extra)}`).toEqual([2, ''])
        expect(result.stderr).toMatch(/CONFIG_ERROR.*cannot read the config file .* \((ENOTDIR|ELOOP)\)/)
      }
      // `completion` reads no config at all.
      expect(ok(await authcli(['completion', 'bash'], extra)).stdout).toContain('authcli')
    }
  })

  it.skipIf(!existsSync('/dev/full'))('reports a stdout that cannot be written as the full CLI does, never with a stack trace', async () => {
    await loginPat()
    const full = await runWith(['auth', 'token'], { stdout: '/dev/full' })
    const again = await runWith(['auth', 'token'], { stdout: '/dev/full' })
    expect(full.code).toBe(1)
    expect(full.stderr).toMatch(/^error\[INTERNAL_ERROR\]: .*ENOSPC/)
    expect([again.code, again.stderr]).toEqual([full.code, full.stderr])
  })

  it('does not hang on a FIFO put where the index is: the full CLI answers, and records a real index again', async () => {
    const token = await loginPat()
    ok(await authcli(['auth', 'token']))
    await rm(indexFile())
    expect(spawnSync('mkfifo', ['-m', '600', indexFile()]).status).toBe(0)
    // Bounded here only so that a hang fails the test (opening a FIFO to read blocks until a writer comes).
    const running = runAsync(env(), ['auth', 'token'])
    const bound = setTimeout(() => running.kill('SIGKILL'), 20_000)
    const result = await running.done.finally(() => clearTimeout(bound))
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${token}\n`, ''])
    // The login, the run that recorded the index, the run that met the FIFO.
    expect(await probe.paths()).toEqual(['full', 'full', 'full'])
    expect((await stat(indexFile())).isFile()).toBe(true)
    expect(await pathsOf(async () => expect(ok(await authcli(['auth', 'token'])).stdout).toBe(`${token}\n`))).toEqual(['hot'])
  })

  it('never writes an AUTHCLI_* variable it does not know to the index: it may hold a secret', async () => {
    const token = await loginPat()
    const runs = await pathsOf(async () => {
      for (let i = 0; i < 2; i++) expect(ok(await authcli(['auth', 'token'], { AUTHCLI_PAT: 'secret_value_of_a_pat' })).stdout).toBe(`${token}\n`)
    })
    expect(await readFile(indexFile(), 'utf8').catch(() => '')).not.toContain('secret_value_of_a_pat')
    expect(runs).toEqual(['full', 'full'])
  })
})
