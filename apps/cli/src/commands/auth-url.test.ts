import { join } from 'node:path'
import { makeCredential } from '@auth/testing'
import { createFileStore } from '@auth/store-file'
import { afterEach, describe, expect, it } from 'vitest'
import { intercepted, testRuntime, type TestRuntime } from '../_testing.js'
import { runCli } from '../run-cli.js'

let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

/** Runs argv with the commands intercepted: what would each have been called with? */
async function parse(argv: string[]) {
  runtime = await testRuntime()
  return intercepted(argv, runtime)
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
    [
      ['mcp', 'proxy', URL_, '--client-id', 'pre', '--scope', 'x,y', '--store', 'keychain', '--timeout', '60'],
      'mcp proxy',
      { url: URL_, clientId: 'pre', scopes: ['x', 'y'], store: 'keychain', timeoutMs: 60_000 },
    ],
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
    [['auth', 'login', '--url', URL_, '--resume', 'h'], /--resume/],
    [['auth', 'login', '--url', URL_, '--no-wait'], /--no-wait/],
    [['auth', 'token', '--url', URL_, '--format', 'k8s'], /--format cannot be used with --url/],
    [['mcp', 'proxy', 'ftp://mcp.example.com/'], /URL must be an http or https URL/],
    [['--json', 'mcp', 'proxy', URL_], /--json does not apply to mcp proxy/],
    [['mcp', 'proxy'], /missing required argument/],
    [['mcp', 'proxy', URL_, '--timeout', 'soon'], /--timeout must be a number of seconds/],
  ])('%j is a usage error (exit 2), before anything runs', async (argv, message) => {
    const { code, call, stderr } = await parse(argv)
    expect(call).toBeUndefined()
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr).toMatch(/^(error\[USAGE_ERROR\]|\{"error":\{"code":"USAGE_ERROR")|^error: missing required argument/)
  })
})

describe('auth status with resources', () => {
  async function status(argv: string[], seed?: (file: ReturnType<typeof createFileStore>) => Promise<void>) {
    runtime = await testRuntime()
    if (seed) await seed(createFileStore({ dir: join(runtime.dir, 'config') }))
    const code = await runCli(argv, runtime)
    return { code, stdout: runtime.stdout.text, stderr: runtime.stderr.text }
  }

  it('passes over a keychain that is not there (no D-Bus): nothing logged in is exit 4, not a storage error', async () => {
    const { code, stderr } = await status(['auth', 'status'])
    expect(code).toBe(4)
    expect(stderr).toContain('error[LOGIN_REQUIRED]')
  })

  it('lists resource logins (account = the issuer that issued them), not registered clients or host logins; exit 0 with no profile', async () => {
    const resource = 'https://mcp.example.com/mcp'
    const issuer = 'https://as.example.com'
    const { code, stdout, stderr } = await status(['auth', 'status', '--json'], async (file) => {
      await file.set({ host: resource, account: issuer }, makeCredential({ flow: 'pkce', issuer, scopes: ['mcp:read'], accessToken: 'resource-token-1', refreshToken: 'r1' }))
      await file.set({ host: issuer, account: 'oauth-client' }, makeCredential({ flow: 'oauth-client', issuer, accessToken: 'client-secret-1', clientId: 'c1' }))
      await file.set({ host: 'https://api.example.com', account: 'alice' }, makeCredential({ flow: 'pat', accessToken: 'pat-1' }))
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout).resources).toEqual([{ resource, issuer, flow: 'pkce', store: 'file', expiresAt: null, scopes: ['mcp:read'], valid: true }])
    expect(stdout).not.toMatch(/resource-token-1|client-secret-1|pat-1/)
  })

  it('prints each resource after the profiles, and says a stored but unusable one is expired', async () => {
    const { code, stdout } = await status(['auth', 'status', '--no-color'], async (file) => {
      const issuer = 'https://as.example.com'
      await file.set({ host: 'https://mcp.example.com/mcp', account: issuer }, makeCredential({ flow: 'pkce', issuer, scopes: ['mcp:read'], expiresAt: 5_000 }))
    })
    expect(stdout).toBe(
      'https://mcp.example.com/mcp (resource)\n  issuer:   https://as.example.com\n  flow:     pkce\n  store:    file\n  expires:  1970-01-01T00:00:05.000Z\n  scopes:   mcp:read\n  ✗ expired; log in again\n',
    )
    expect(code).toBe(4)
  })
})
