import { AuthenticationError } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { intercepted, testRuntime, type TestRuntime } from './_testing.js'
import { runCli } from './run-cli.js'

let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

/** Runs argv with the commands intercepted: what would each command have been called with? */
async function parse(argv: string[], options: Parameters<typeof testRuntime>[0] = {}) {
  runtime = await testRuntime(options)
  return intercepted(argv, runtime)
}

describe('parsing into options', () => {
  it.each([
    [['config', 'get', 'client_id'], 'config get', { key: 'client_id' }],
    [['config', 'get', 'client_id', '--profile', 'work'], 'config get', { key: 'client_id', profile: 'work' }],
    [['--profile', 'work', 'config', 'set', 'host', 'https://h'], 'config set', { key: 'host', value: 'https://h', profile: 'work' }],
    [['config', 'set', 'scopes', 'openid profile'], 'config set', { key: 'scopes', value: 'openid profile' }],
    [['config', 'unset', 'profiles.work.tenant'], 'config unset', { key: 'profiles.work.tenant' }],
    [['config', 'list'], 'config list', {}],
    [['profiles', 'list'], 'profiles list', {}],
    [['profiles', 'use', 'work'], 'profiles use', { name: 'work' }],
    [['auth', 'token'], 'auth token', {}],
    [['auth', 'status'], 'auth status', { showToken: false, only: false, offline: false }],
    [['auth', 'status', '--show-token', '--profile', 'w'], 'auth status', { showToken: true, only: true, offline: false }],
    [['auth', 'status', '--offline'], 'auth status', { showToken: false, only: false, offline: true }],
    [['auth', 'logout'], 'auth logout', { all: false }],
    [['auth', 'logout', '--all'], 'auth logout', { all: true }],
    [['store', 'status'], 'store status', {}],
    [['store', 'migrate', '--to', 'encrypted'], 'store migrate', { to: 'encrypted' }],
    [['store', 'migrate', '--to=keychain', '--json'], 'store migrate', { to: 'keychain' }],
    [['store', 'rotate-key'], 'store rotate-key', {}],
    [['completion', 'bash'], 'completion', { shell: 'bash' }],
    [['completion', 'fish', '--no-color'], 'completion', { shell: 'fish' }],
    [['auth', 'login'], 'auth login', { scopes: [], qr: true, insecure: false }],
    [['auth', 'login', '--with-token'], 'auth login', { flow: 'pat', tokenFrom: '--with-token', scopes: [], qr: true, insecure: false }],
    [['auth', 'login', '--with-token', '--host', 'https://h'], 'auth login', { flow: 'pat', tokenFrom: '--with-token', scopes: [], qr: true, insecure: false }],
    [['auth', 'login', '--with-token', 'dvp_x'], 'auth login', { flow: 'pat', token: 'dvp_x', scopes: [], qr: true, insecure: false }],
    [['auth', 'login', '--token-stdin', '--profile-url', '/me'], 'auth login', { flow: 'pat', tokenFrom: '--token-stdin', profileUrl: '/me', scopes: [], qr: true, insecure: false }],
    [
      ['auth', 'login', '--device', '--no-qr', '--scope', 'openid', '--scope', 'api:read', '--timeout', '30', '--store', 'file', '--tenant', 't', '--client-id', 'c', '--issuer', 'https://i'],
      'auth login',
      { flow: 'device', qr: false, scopes: ['openid', 'api:read'], timeoutMs: 30_000, store: 'file', tenant: 't', clientId: 'c', issuer: 'https://i', insecure: false },
    ],
    [
      ['auth', 'login', '--client-credentials', '--client-secret-file', 's.txt', '--insecure'],
      'auth login',
      { flow: 'client-credentials', clientSecretFile: 's.txt', scopes: [], qr: true, insecure: true },
    ],
  ])('%j -> %s %j', async (argv, id, options) => {
    const { code, call } = await parse(argv)
    expect(code).toBe(0)
    expect(call).toEqual({ id, options, globals: expect.any(Object) })
  })

  it('accepts the global flags before and after the command', async () => {
    const argv = ['--json', 'config', 'list', '--debug', '--no-color', '--host', 'https://h', '--config', 'c.toml']
    const { call } = await parse(argv)
    expect(call?.globals).toEqual({ json: true, debug: true, color: false, host: 'https://h', config: 'c.toml' })
  })

  it('gives the default globals', async () => {
    const { call } = await parse(['profiles', 'list'])
    expect(call?.globals).toEqual({ json: false, debug: false, color: true })
  })
})

describe('help and version', () => {
  it('--version prints the version on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await parse(['--version'])
    expect([code, stdout, stderr]).toEqual([0, '0.0.0-dev\n', ''])
  })

  it('--version works after a command too', async () => {
    expect((await parse(['config', 'list', '--version'])).stdout).toBe('0.0.0-dev\n')
  })

  it('--help prints the commands and global flags on stdout, exit 0', async () => {
    const { code, stdout, stderr, call } = await parse(['--help'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(call).toBeUndefined()
    for (const text of ['Usage: authcli', 'config', 'profiles', '--host <url>', '--no-color', 'Exit codes']) {
      expect(stdout).toContain(text)
    }
  })

  it('a command help lists the global flags as well', async () => {
    const { code, stdout } = await parse(['config', 'get', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: authcli config get [options] <key>')
    expect(stdout).toContain('Global Options:')
    expect(stdout).toContain('--profile <name>')
  })

  it.each([[[]], [['config']], [['profiles']], [['help']], [['help', 'config']]])('%j prints help on stdout, exit 0', async (argv) => {
    const { code, stdout, stderr } = await parse(argv)
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: authcli')
    expect(stderr).toBe('')
  })

  it('styles titles on a terminal, not with NO_COLOR or --no-color', async () => {
    expect((await parse(['--help'], { tty: true })).stdout).toContain('\x1b[1mUsage:')
    expect((await parse(['--help'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[')
    expect((await parse(['--help', '--no-color'], { tty: true })).stdout).not.toContain('\x1b[')
    expect((await parse(['--help'])).stdout).not.toContain('\x1b[')
  })
})

describe('usage errors: exit 2, error[USAGE_ERROR]', () => {
  it('an unknown command lists every command', async () => {
    const { code, stdout, stderr } = await parse(['nope'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    const [message, hint] = stderr.trimEnd().split('\n')
    expect(message).toBe("error[USAGE_ERROR]: unknown command 'nope' for 'authcli'")
    expect(hint?.replace('hint: available commands: ', '').split(', ')).toEqual(expect.arrayContaining(['auth', 'config', 'profiles', 'store', 'completion']))
  })

  it.each([
    [['confg'], "unknown command 'confg' for 'authcli'", "did you mean 'authcli config'?"],
    [['auth', 'tokn'], "unknown command 'tokn' for 'authcli auth'", "did you mean 'authcli auth token'?"],
    [['auth', 'login', '--web', '--device'], '--device and --web cannot be used together', 'choose one way to log in'],
    [['auth', 'login', '--port', '1', '--port-range', '8765-8769'], '--port and --port-range cannot be used together', 'give one fixed port (--port 8765) or a range (--port-range 8765-8769)'],
    [['auth', 'login', '--device', '--with-token'], '--with-token and --device cannot be used together', 'choose one way to log in'],
    [['auth', 'logout', '--all', '--host', 'https://h'], '--all cannot be used with --host or --profile', 'log out of everything with --all, or of one host with --host URL'],
    [['auth', 'token', 'extra'], "too many arguments for 'token'. Expected 0 arguments but got 1.", "run 'authcli auth token --help' for usage"],
    [['config', 'nope'], "unknown command 'nope' for 'authcli config'", 'available commands: get, set, unset, list'],
    [['profiles', 'lst'], "unknown command 'lst' for 'authcli profiles'", "did you mean 'authcli profiles list'?"],
    [['--bogus'], "unknown option '--bogus'", "run 'authcli --help' for usage"],
    [['config', 'list', '--bogus'], "unknown option '--bogus'", "run 'authcli config list --help' for usage"],
    [['config', 'list', '--jsn'], "unknown option '--jsn'", "did you mean '--json'?"],
    [['config', 'get'], "missing required argument 'key'", "run 'authcli config get --help' for usage"],
    [['config', 'set', 'host'], "missing required argument 'value'", "run 'authcli config set --help' for usage"],
    [['config', 'get', 'a', 'b'], "too many arguments for 'get'. Expected 1 argument but got 2.", "run 'authcli config get --help' for usage"],
    [['profiles', 'list', '--profile'], "option '--profile <name>' argument missing", "run 'authcli profiles list --help' for usage"],
    [['profiles', 'list', '--profile', ''], '--profile needs a non-empty value', undefined],
    [['config', 'get', ' '], 'KEY must not be empty', "run 'authcli config --help' for the keys"],
    [['store', 'migrate'], 'store migrate needs --to STORE', 'e.g. authcli store migrate --to encrypted'],
    [['store', 'migrate', '--to', 'memory'], "option '--to <store>' argument 'memory' is invalid. Allowed choices are keychain, file, encrypted.", "run 'authcli store migrate --help' for usage"],
    [['store', 'rotate-key', 'now'], "too many arguments for 'rotate-key'. Expected 0 arguments but got 1.", "run 'authcli store rotate-key --help' for usage"],
    [['completion'], "missing required argument 'shell'", "run 'authcli completion --help' for usage"],
    [['completion', 'powershell'], "command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.", "run 'authcli completion --help' for usage"],
  ])('%j', async (argv, message, hint) => {
    const { code, stdout, stderr, call } = await parse(argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(call).toBeUndefined()
    expect(stderr).toBe(`error[USAGE_ERROR]: ${message}\n${hint === undefined ? '' : `hint: ${hint}\n`}`)
  })

  it('prints the error as one JSON line with --json, wherever the flag is', async () => {
    for (const argv of [
      ['--json', 'config', 'nope'],
      ['config', 'get', '--json'],
      ['--bogus', '--json'],
    ]) {
      const { code, stderr } = await parse(argv)
      expect(code).toBe(2)
      expect(stderr.split('\n')).toHaveLength(2)
      expect(JSON.parse(stderr)).toEqual({ error: { code: 'USAGE_ERROR', message: expect.any(String), hint: expect.any(String) } })
    }
  })

  it('colours the error on a terminal only', async () => {
    expect((await parse(['nope'], { tty: true })).stderr).toContain('\x1b[31merror[USAGE_ERROR]:')
    expect((await parse(['nope'], { tty: true, env: { NO_COLOR: '1' } })).stderr).toMatch(/^error\[USAGE_ERROR\]/)
  })
})

describe('errors from commands', () => {
  async function failWith(error: unknown, argv = ['profiles', 'list'], signal?: AbortSignal) {
    runtime = await testRuntime(signal ? { signal } : {})
    const code = await runCli(argv, runtime, {
      intercept: () => {
        throw error
      },
    })
    return { code, stderr: runtime.stderr.text }
  }

  it('keeps a toolkit error code and exit code', async () => {
    const { code, stderr } = await failWith(new AuthenticationError('not logged in', { hint: 'run authcli auth login' }))
    expect(code).toBe(4)
    expect(stderr).toBe('error[LOGIN_REQUIRED]: not logged in\nhint: run authcli auth login\n')
  })

  it('calls anything else a bug (exit 1) with no stack trace', async () => {
    const { code, stderr } = await failWith(new TypeError('oops'))
    expect(code).toBe(1)
    expect(stderr).toMatch(/^error\[INTERNAL_ERROR\]: unexpected error \(a bug in authcli\): TypeError: oops\nhint: .*--debug/)
    expect(stderr).not.toContain('    at ')
  })

  it('logs the stack trace with --debug, masked', async () => {
    const { code, stderr } = await failWith(new TypeError('oops refresh_token=s3cr3t-value'), ['profiles', 'list', '--debug'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/\[authcli\] debug: TypeError: oops refresh_token=\*\*\*/)
    expect(stderr).toContain('    at ')
    expect(stderr).not.toContain('s3cr3t-value')
  })

  it('exits 130 when interrupted', async () => {
    const controller = new AbortController()
    const { CancelledError } = await import('@auth/core')
    controller.abort(new CancelledError('interrupted'))
    const { code, stderr } = await failWith(Object.assign(new Error('aborted'), { name: 'AbortError' }), ['profiles', 'list', '--json'], controller.signal)
    expect(code).toBe(130)
    expect(JSON.parse(stderr)).toEqual({ error: { code: 'CANCELLED', message: 'interrupted' } })
  })
})
