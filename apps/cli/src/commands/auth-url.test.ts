import { afterEach, describe, expect, it } from 'vitest'
import { testRuntime, type TestRuntime } from '../_testing.js'
import type { Invocation } from '../command.js'
import { runCli } from '../run-cli.js'

let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

/** Runs argv with the commands intercepted: what would each have been called with? */
async function parse(argv: string[]) {
  runtime = await testRuntime()
  const calls: Invocation[] = []
  const code = await runCli(argv, runtime, { intercept: (call) => void calls.push(call) })
  return { code, call: calls[0], stderr: runtime.stderr.text }
}

const URL_ = 'https://mcp.example.com/mcp'

describe('--url on auth login, token and logout; mcp proxy URL', () => {
  it.each([
    [['auth', 'login', '--url', URL_], 'auth login', { url: URL_, scopes: [] }],
    [
      ['auth', 'login', '--url', URL_, '--no-browser', '--client-id', 'pre', '--scope', 'a b', '--port', '8765'],
      'auth login',
      { url: URL_, flow: 'pkce', browser: false, clientId: 'pre', scopes: ['a', 'b'], port: 8765 },
    ],
    [['auth', 'login', '--url', 'http://127.0.0.1:9/mcp', '--store', 'file', '--timeout', '30'], 'auth login', { url: 'http://127.0.0.1:9/mcp', store: 'file', timeoutMs: 30_000 }],
    [['auth', 'token', '--url', URL_], 'auth token', { url: URL_ }],
    [['auth', 'logout', '--url', URL_], 'auth logout', { url: URL_, all: false }],
    [['mcp', 'proxy', URL_], 'mcp proxy', { url: URL_, scopes: [] }],
    [['mcp', 'proxy', URL_, '--client-id', 'pre', '--scope', 'x,y', '--store', 'keychain'], 'mcp proxy', { url: URL_, clientId: 'pre', scopes: ['x', 'y'], store: 'keychain' }],
  ])('%j', async (argv, id, expected) => {
    const { code, call, stderr } = await parse(argv)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(call?.id).toBe(id)
    expect(call?.options).toMatchObject(expected)
  })

  it('leaves the host commands as they were without --url', async () => {
    expect((await parse(['auth', 'token'])).call?.options).toEqual({})
    expect((await parse(['auth', 'logout', '--all'])).call?.options).toEqual({ all: true })
    expect((await parse(['auth', 'login', '--device'])).call?.options).not.toHaveProperty('url')
  })

  it.each([
    [['auth', 'login', '--url', 'file:///etc/passwd'], /--url must be an http or https URL/],
    [['auth', 'login', '--url', 'http://mcp.example.com/mcp'], /--url .*http:\/\//],
    [['auth', 'login', '--url', URL_, '--device'], /--device cannot be used with --url/],
    [['auth', 'login', '--url', URL_, '--with-token', 'x'], /--with-token cannot be used with --url/],
    [['auth', 'login', '--url', URL_, '--issuer', 'https://as.example.com'], /--issuer cannot be used with --url/],
    [['auth', 'login', '--url', URL_, '--insecure'], /--insecure cannot be used with --url/],
    [['--host', 'https://api.example.com', 'auth', 'login', '--url', URL_], /--url cannot be used with --host or --profile/],
    [['auth', 'token', '--url', 'javascript:alert(1)'], /--url must be an http or https URL/],
    [['auth', 'logout', '--url', URL_, '--all'], /--all cannot be used with --url/],
    [['mcp', 'proxy', 'ftp://mcp.example.com/'], /URL must be an http or https URL/],
    [['--json', 'mcp', 'proxy', URL_], /--json does not apply to mcp proxy/],
    [['mcp', 'proxy'], /missing required argument/],
  ])('%j is a usage error (exit 2), before anything runs', async (argv, message) => {
    const { code, call, stderr } = await parse(argv)
    expect(call).toBeUndefined()
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr).toMatch(/^(error\[USAGE_ERROR\]|\{"error":\{"code":"USAGE_ERROR")|^error: missing required argument/)
  })
})
