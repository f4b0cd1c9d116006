// End-to-end: runs the BUILT binary (`node dist/authcli.cjs`) as a user's shell would, with
// HOME and AUTHCLI_CONFIG_DIR in a temp folder and no terminal. `npm test` builds first.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import pkg from '../package.json' with { type: 'json' }
import { BIN, requireBuilt } from './_run.js'

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0

let dir: string
let configDir: string
let home: string

beforeAll(() => {
  requireBuilt()
})
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authcli-e2e-'))
  configDir = join(dir, 'config')
  home = join(dir, 'home')
  await mkdir(home)
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AUTHCLI_CONFIG_DIR: configDir, ...extra }
}

function authcli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: baseEnv(env), encoding: 'utf8', timeout: 15_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs the binary on a pseudo-terminal (util-linux `script`); stdout and stderr both land in `output`. */
function authcliOnTTY(args: string[], env: Record<string, string> = {}) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { env: { ...baseEnv(env), TERM: 'xterm' }, encoding: 'utf8', timeout: 15_000 })
  return { code: result.status, output: result.stdout }
}

const configFile = () => join(configDir, 'config.toml')

describe('authcli --version / --help', () => {
  it('prints the package version, exit 0', () => {
    expect(authcli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })

  it('prints help on stdout, exit 0', () => {
    const { code, stdout, stderr } = authcli(['--help'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^Usage: authcli \[options\] \[command\]/)
    for (const text of ['config', 'profiles', '--host <url>', '--profile <name>', '--config <file>', '--json', '--debug', '--no-color', '--version']) {
      expect(stdout).toContain(text)
    }
    expect(stdout).not.toContain('\x1b[')
  })

  it('bare, or a bare group, prints help on stdout, exit 0', () => {
    for (const args of [[], ['config'], ['help', 'profiles']]) {
      const { code, stdout, stderr } = authcli(args)
      expect(code).toBe(0)
      expect(stderr).toBe('')
      expect(stdout).toMatch(/^Usage: authcli/)
    }
  })
})

describe('usage errors', () => {
  it('an unknown command exits 2 with error[USAGE_ERROR]', () => {
    const { code, stdout, stderr } = authcli(['confg', 'list'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe("error[USAGE_ERROR]: unknown command 'confg' for 'authcli'\nhint: did you mean 'authcli config'?\n")
  })

  it('an unknown flag exits 2 with error[USAGE_ERROR]', () => {
    const { code, stderr } = authcli(['config', 'list', '--nope'])
    expect(code).toBe(2)
    expect(stderr).toBe("error[USAGE_ERROR]: unknown option '--nope'\nhint: run 'authcli config list --help' for usage\n")
  })

  it('a missing argument exits 2', () => {
    const { code, stderr } = authcli(['profiles', 'use'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error\[USAGE_ERROR\]: missing required argument 'name'\n/)
  })

  it('--json prints the error as one JSON line on stderr', () => {
    const { code, stdout, stderr } = authcli(['config', 'nope', '--json'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.endsWith('\n')).toBe(true)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(JSON.parse(stderr)).toEqual({
      error: { code: 'USAGE_ERROR', message: "unknown command 'nope' for 'authcli config'", hint: 'available commands: get, set, unset, list' },
    })
  })
})

describe('config file', () => {
  it('a malformed config.toml exits 2 naming the file and the line', async () => {
    await mkdir(configDir, { recursive: true })
    await writeFile(configFile(), 'active_profile = "a"\n\n[profiles.a\nhost = "https://h"\n')
    for (const args of [
      ['config', 'list'],
      ['profiles', 'list'],
    ]) {
      const { code, stdout, stderr } = authcli(args)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(/^error\[CONFIG_ERROR\]: /)
      expect(stderr).toContain(`${configFile()}:3:`)
    }
    const json = authcli(['config', 'list', '--json'])
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining(configFile()) })
  })

  it('config set / get / list / unset round trip, file 0600 in a 0700 folder', async () => {
    expect(authcli(['config', 'set', 'profiles.work.host', 'https://api.example.com'])).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(authcli(['config', 'set', 'client_id', 'my-app', '--profile', 'work']).code).toBe(0)
    expect(authcli(['config', 'set', 'active_profile', 'work']).code).toBe(0)
    expect(authcli(['config', 'set', 'tenant', 'acme']).code).toBe(0) // the active profile: work

    expect((await stat(configDir)).mode & 0o777).toBe(0o700)
    expect((await stat(configFile())).mode & 0o777).toBe(0o600)
    expect(await readFile(configFile(), 'utf8')).toContain('[profiles.work]')

    expect(authcli(['config', 'get', 'profiles.work.host'])).toEqual({ code: 0, stdout: 'https://api.example.com\n', stderr: '' })
    expect(authcli(['config', 'get', 'client_id']).stdout).toBe('my-app\n')
    expect(authcli(['config', 'get', 'tenant', '--profile', 'work']).stdout).toBe('acme\n')
    expect(authcli(['config', 'get', 'active_profile', '--json']).stdout).toBe('"work"\n')

    const list = authcli(['config', 'list'])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')).toEqual(
      expect.arrayContaining(['active_profile=work', 'profiles.work.host=https://api.example.com', 'profiles.work.client_id=my-app', 'profiles.work.tenant=acme']),
    )
    expect(JSON.parse(authcli(['config', 'list', '--json']).stdout)).toMatchObject({
      active_profile: 'work',
      'profiles.work.host': 'https://api.example.com',
      'profiles.work.client_id': 'my-app',
    })

    expect(authcli(['config', 'unset', 'tenant']).code).toBe(0)
    expect(authcli(['config', 'get', 'tenant'])).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(authcli(['config', 'get', 'tenant', '--json']).stdout).toBe('null\n')
  })

  it('config get of an unknown key exits 2', () => {
    const { code, stderr } = authcli(['config', 'get', 'no_such_key'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error\[CONFIG_ERROR\]: .*no_such_key/)
  })

  it('config set of an invalid value exits 2', () => {
    const { code, stderr } = authcli(['config', 'set', 'flow', 'telepathy'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error\[CONFIG_ERROR\]: /)
    expect(existsSync(configFile())).toBe(false)
  })

  it('--config FILE wins over AUTHCLI_CONFIG, which wins over AUTHCLI_CONFIG_DIR', async () => {
    const viaEnv = join(dir, 'env.toml')
    const viaFlag = join(dir, 'flag.toml')
    expect(authcli(['config', 'set', 'active_profile', 'env'], { AUTHCLI_CONFIG: viaEnv }).code).toBe(0)
    expect(authcli(['config', 'set', 'active_profile', 'flag', '--config', viaFlag], { AUTHCLI_CONFIG: viaEnv }).code).toBe(0)
    expect(await readFile(viaEnv, 'utf8')).toContain('env')
    expect(await readFile(viaFlag, 'utf8')).toContain('flag')
    expect(existsSync(configFile())).toBe(false)
  })

  it('defaults to ~/.authcli/config.toml', async () => {
    const result = spawnSync(process.execPath, [BIN, 'config', 'set', 'active_profile', 'x'], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      encoding: 'utf8',
    })
    expect(result.status, result.stderr).toBe(0)
    expect(await readFile(join(home, '.authcli', 'config.toml'), 'utf8')).toContain('active_profile')
  })
})

describe('profiles', () => {
  beforeEach(() => {
    authcli(['config', 'set', 'profiles.default.host', 'https://one.example.com'])
    authcli(['config', 'set', 'profiles.default.flow', 'device'])
    authcli(['config', 'set', 'profiles.work.host', 'https://work.example.com'])
  })

  it('profiles list marks the active profile', () => {
    const { code, stdout } = authcli(['profiles', 'list'])
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^\s+NAME\s+HOST\s+FLOW$/)
    expect(lines[1]).toMatch(/^\*\s+default\s+https:\/\/one\.example\.com\s+device$/)
    expect(lines[2]).toMatch(/^\s+work\s+https:\/\/work\.example\.com\s+-$/)
  })

  it('profiles use NAME switches the active profile', () => {
    const use = authcli(['profiles', 'use', 'work'])
    expect(use.code).toBe(0)
    expect(use.stdout).toBe('')
    expect(use.stderr).toContain('active profile: work')
    expect(authcli(['config', 'get', 'active_profile']).stdout).toBe('work\n')
    expect(JSON.parse(authcli(['profiles', 'list', '--json']).stdout)).toEqual({
      active: 'work',
      profiles: [
        { name: 'default', host: 'https://one.example.com', flow: 'device', active: false },
        { name: 'work', host: 'https://work.example.com', flow: null, active: true },
      ],
    })
    expect(JSON.parse(authcli(['profiles', 'use', 'default', '--json']).stdout)).toEqual({ active: 'default' })
  })

  it('profiles use of an unknown profile exits 2 and lists the known ones', () => {
    const { code, stderr } = authcli(['profiles', 'use', 'nope'])
    expect(code).toBe(2)
    expect(stderr).toBe(`error[CONFIG_ERROR]: no profile 'nope' in ${configFile()}\nhint: known profiles: default, work\n`)
    expect(JSON.parse(authcli(['profiles', 'use', 'nope', '--json']).stderr)).toEqual({
      error: { code: 'CONFIG_ERROR', message: `no profile 'nope' in ${configFile()}`, hint: 'known profiles: default, work' },
    })
  })
})

describe('--debug', () => {
  it('logs to stderr, not stdout', () => {
    const { code, stdout, stderr } = authcli(['config', 'list', '--debug'])
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain(`[authcli] debug: config file ${configFile()} (from AUTHCLI_CONFIG_DIR)`)
  })
})

describe('colours', () => {
  it('none when not a terminal', () => {
    expect(authcli(['nope']).stderr).toMatch(/^error\[USAGE_ERROR\]: unknown command 'nope' for 'authcli'\nhint: available commands: auth, config, [a-z, -]+\n$/)
  })
})

describe.skipIf(!HAS_SCRIPT)('colours on a terminal', () => {
  it('colours errors on a TTY', () => {
    const { code, output } = authcliOnTTY(['nope'])
    expect(code).toBe(2)
    expect(output).toContain('\x1b[31merror[USAGE_ERROR]:')
  })

  it('never with NO_COLOR', () => {
    const { code, output } = authcliOnTTY(['nope'], { NO_COLOR: '1' })
    expect(code).toBe(2)
    expect(output).toContain('error[USAGE_ERROR]:')
    expect(output).not.toContain('\x1b[')
  })

  it('never with --no-color', () => {
    const { output } = authcliOnTTY(['--help', '--no-color'])
    expect(output).toContain('Usage:')
    expect(output).not.toContain('\x1b[')
  })
})
