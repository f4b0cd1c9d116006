import { afterEach, describe, expect, it } from 'vitest'
import { intercepted, testRuntime, type TestRuntime } from './_testing.js'
import type { Invocation } from './command.js'
import { runTokenFastPath, tokenFastPath } from './fast-path.js'
import { runCli } from './run-cli.js'

let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

async function viaCommander(argv: string[]): Promise<Invocation | undefined> {
  runtime = await testRuntime()
  return (await intercepted(argv, runtime)).call
}

describe('tokenFastPath', () => {
  it.each([
    [['auth', 'token']],
    [['auth', 'token', '--profile', 'ci']],
    [['--profile=ci', 'auth', 'token', '--json']],
    [['--host', 'https://h.example.com', 'auth', '--debug', 'token', '--no-color']],
    [['auth', 'token', '--config', '/tmp/c.toml', '--host=https://h']],
  ])('%j: the same globals as commander parses', async (argv) => {
    const call = await viaCommander(argv)
    expect(call?.id).toBe('auth token')
    expect(tokenFastPath(argv)).toEqual(call?.globals)
  })

  it.each([
    [[]],
    [['auth']],
    [['auth', 'status']],
    [['auth', 'token', 'extra']],
    [['auth', 'token', '--help']],
    [['auth', 'token', '-h']],
    [['auth', 'token', '--version']],
    [['auth', 'token', '--jsn']],
    [['auth', 'token', '--profile']],
    [['auth', 'token', '--profile', '--json']],
    [['auth', 'token', '--profile', '']],
    [['auth', 'token', '--profile=']],
    [['auth', 'token', '--', 'x']],
    [['token', 'auth']],
    [['help', 'auth', 'token']],
  ])('%j goes through commander', (argv) => {
    expect(tokenFastPath(argv)).toBeUndefined()
  })
})

describe('runTokenFastPath', () => {
  it('prints AUTHCLI_TOKEN, exit 0', async () => {
    runtime = await testRuntime({ env: { AUTHCLI_TOKEN: 'env-token-1234567' } })
    expect(await runTokenFastPath({ json: false, debug: false, color: true }, runtime)).toBe(0)
    expect(runtime.stdout.text).toBe('env-token-1234567\n')
    expect(runtime.stderr.text).toBe('')
  })

  it('renders errors as runCli does: exit 4, LOGIN_REQUIRED, text or JSON', async () => {
    runtime = await testRuntime()
    expect(await runTokenFastPath({ json: false, debug: false, color: true, host: 'https://h.example.com' }, runtime)).toBe(4)
    expect(runtime.stderr.text).toBe('error[LOGIN_REQUIRED]: not logged in to https://h.example.com\nhint: run `authcli auth login --host https://h.example.com`\n')
    const fast = runtime.stderr.text
    await runtime.cleanup()
    runtime = await testRuntime()
    expect(await runCli(['auth', 'token', '--host', 'https://h.example.com'], runtime)).toBe(4)
    expect(runtime.stderr.text).toBe(fast)

    await runtime.cleanup()
    runtime = await testRuntime()
    expect(await runTokenFastPath({ json: true, debug: false, color: true }, runtime)).toBe(4)
    expect(JSON.parse(runtime.stderr.text)).toEqual({
      error: {
        code: 'LOGIN_REQUIRED',
        message: 'no host is configured',
        hint: 'run `authcli auth login --host URL`',
        login: { command: 'authcli auth login --host URL', begin: 'authcli auth login --device --begin --json --host URL' },
      },
    })
  })
})
