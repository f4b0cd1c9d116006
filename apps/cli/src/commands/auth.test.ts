// The auth commands' runs, in-process, against the real dev server and a real file store in a
// temp folder (AUTHCLI_STORE=file: no keychain here). The parsers are tested in
// auth-login-options.test.ts and program.test.ts; the built binary in test/.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testContext, testRuntime, type TestRuntime } from '../_testing.js'
import type { Env } from '../context.js'
import type { GlobalOptions } from '../global-options.js'
import type { AuthLoginOptions } from './auth-login-options.js'
import { chooseFlow, renderAuthLogin, runAuthLogin } from './auth-login.js'
import { renderAuthLogout, runAuthLogout } from './auth-logout.js'
import { relative, renderAuthStatus, runAuthStatus } from './auth-status.js'
import { renderAuthToken, runAuthToken } from './auth-token.js'
import { renderStoreStatus, runStoreStatus, selected } from './store.js'

let server: DevServer
let runtime: TestRuntime
beforeAll(async () => void (server = await startDevServer({ port: 0, deviceInterval: 0.05 })))
afterAll(() => server?.close())
afterEach(() => runtime?.cleanup())

const login = (over: Partial<AuthLoginOptions> = {}): AuthLoginOptions => ({ scopes: [], qr: false, insecure: false, ...over })

async function setup(options: { env?: Env; stdin?: string } = {}) {
  runtime = await testRuntime({ env: { AUTHCLI_STORE: 'file', ...options.env }, ...(options.stdin !== undefined && { stdin: options.stdin }) })
  return runtime
}

const ctx = (globals: Partial<GlobalOptions> = {}) => testContext(runtime, { host: server.issuer, ...globals })
/** A context without --host: the active profile decides. */
const bare = (globals: Partial<GlobalOptions> = {}) => testContext(runtime, globals)
const credentialsFile = () => join(runtime.env.AUTHCLI_CONFIG_DIR as string, 'credentials')
const profileUrl = () => `${server.issuer}/api/v1/profile`

async function apiAccepts(token: string): Promise<boolean> {
  return (await fetch(profileUrl(), { headers: { authorization: `Bearer ${token}` } })).ok
}

describe('auth login with a personal access token', () => {
  it('reads the token from stdin, validates it, stores it and records the profile', async () => {
    const pat = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    await setup({ stdin: `${pat}\n` })
    const c = await ctx()
    const result = await runAuthLogin(login({ flow: 'pat', tokenFrom: '--token-stdin', profileUrl: profileUrl() }), c)
    expect(result).toEqual({ host: server.issuer, account: 'alice', flow: 'pat', store: 'file', profile: 'default', profileChange: 'created' })
    renderAuthLogin(result, c)
    expect(runtime.stderr.text).toBe(`✓ Logged in to ${server.issuer} as alice (store: file)\n✓ Created the profile default; it is now the active one\n`)
    expect(runtime.stdout.text).toBe('')

    const stored = JSON.stringify(JSON.parse(await readFile(credentialsFile(), 'utf8')))
    expect(stored).toContain(pat)
    const config = (await ctx()).config
    expect(config).toEqual({ activeProfile: 'default', profiles: { default: { host: server.issuer, flow: 'pat', store: 'file', profileUrl: profileUrl(), account: 'alice' } } })
    expect(await readFile(join(runtime.env.AUTHCLI_CONFIG_DIR as string, 'config.toml'), 'utf8')).not.toContain(pat)

    const token = await runAuthToken({}, await bare())
    expect(token).toMatchObject({ token: pat, source: 'file', host: server.issuer, account: 'alice', expiresAt: null, refreshed: false })
  })

  it('warns that a token in argv is visible to others; --json prints the result on stdout', async () => {
    await setup()
    const c = await ctx({ json: true })
    const result = await runAuthLogin(login({ flow: 'pat', token: server.mintPat({ login: 'bob', scopes: ['api:read'] }), profileUrl: profileUrl() }), c)
    renderAuthLogin(result, c)
    expect(runtime.stderr.text).toMatch(/^warning: a token passed as an argument is visible to other users of this machine \(ps\) and lands in your shell history/)
    expect(JSON.parse(runtime.stdout.text)).toEqual({ host: server.issuer, account: 'bob', flow: 'pat', store: 'file', profile: 'default' })
  })

  it('saves nothing for a refused token (exit 4)', async () => {
    await setup({ stdin: 'dvp_not_a_real_token_000000000000000\n' })
    await expect(runAuthLogin(login({ flow: 'pat', tokenFrom: '--token-stdin', profileUrl: profileUrl() }), await ctx())).rejects.toMatchObject({ exitCode: 4 })
    await expect(readFile(credentialsFile())).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('auth login refuses', () => {
  it('without a host', async () => {
    await setup()
    await expect(runAuthLogin(login({ flow: 'device' }), await bare())).rejects.toMatchObject({
      code: 'USAGE_ERROR',
      exitCode: 2,
      message: 'no host to log in to',
      hint: expect.stringContaining('--host URL'),
    })
  })

  it('without a flow when nobody is at the terminal; on one, the browser flow where a browser can open, else the device flow', async () => {
    await setup()
    await expect(runAuthLogin(login(), await ctx())).rejects.toMatchObject({ code: 'USAGE_ERROR', hint: 'pass --with-token (the token on stdin), --client-credentials or --device' })
    const tty = { stdin: { isTTY: true, [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true as const, value: '' }) }) }, err: { isTTY: true } }
    expect(chooseFlow(login(), {}, tty as never)).toBe('device')
    expect(chooseFlow(login(), { flow: 'client-credentials' }, tty as never)).toBe('client-credentials')
    expect(chooseFlow(login(), { flow: 'pkce' }, tty as never)).toBe('pkce')
    expect(chooseFlow(login(), {}, { ...tty, env: { DISPLAY: ':0' } } as never, 'linux')).toBe('pkce')
    expect(chooseFlow(login(), {}, { ...tty, env: { DISPLAY: ':0', SSH_CONNECTION: '1 2 3 4' } } as never, 'linux')).toBe('device')
  })
})

describe('client credentials: login, then auth token renews with a new grant', () => {
  it('reads the secret from AUTHCLI_CLIENT_SECRET, never stores it, and renews an expired token', async () => {
    const secret = server.clients.confidential.clientSecret
    await setup({ env: { AUTHCLI_CLIENT_SECRET: secret } })
    const result = await runAuthLogin(login({ flow: 'client-credentials', clientId: 'authcli-confidential', scopes: ['api:read'] }), await ctx())
    expect(result).toMatchObject({ flow: 'client-credentials', store: 'file', account: expect.any(String) })
    const file = await readFile(credentialsFile(), 'utf8')
    expect(file).not.toContain(secret)
    expect(await readFile(join(runtime.env.AUTHCLI_CONFIG_DIR as string, 'config.toml'), 'utf8')).not.toContain(secret)

    // Expire it in the file, as time would.
    const document = JSON.parse(file)
    const entry = Object.values(document.credentials ?? document).find((v) => typeof v === 'object' && v !== null && 'accessToken' in v) as { accessToken: string; expiresAt: number }
    const before = entry.accessToken
    entry.expiresAt = Date.now() - 1000
    const { writeFile } = await import('node:fs/promises')
    await writeFile(credentialsFile(), JSON.stringify(document), { mode: 0o600 })

    server.resetCounters()
    const token = await runAuthToken({}, await bare())
    expect(token.refreshed).toBe(true)
    expect(token.token).not.toBe(before)
    expect(server.counters().client_credentials).toBe(1)
    expect(await apiAccepts(token.token)).toBe(true)
    expect(await readFile(credentialsFile(), 'utf8')).toContain(token.token)

    // Valid now: no network.
    server.resetCounters()
    expect((await runAuthToken({}, await bare())).token).toBe(token.token)
    expect(server.counters().token ?? 0).toBe(0)
  })

  it('a wrong secret is exit 4 and saves nothing', async () => {
    await setup({ env: { AUTHCLI_CLIENT_SECRET: 'wrong-secret-value-123' } })
    await expect(runAuthLogin(login({ flow: 'client-credentials', clientId: 'authcli-confidential', scopes: ['api:read'] }), await ctx())).rejects.toMatchObject({ exitCode: 4 })
    await expect(readFile(credentialsFile())).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('auth token', () => {
  it('prints AUTHCLI_TOKEN as is, reading no store', async () => {
    await setup({ env: { AUTHCLI_TOKEN: ' env-token-1234567 ', AUTHCLI_CONFIG_DIR: '/nonexistent/authcli' } })
    const c = await ctx()
    const result = await runAuthToken({}, c)
    expect(result).toMatchObject({ token: 'env-token-1234567', source: 'env:AUTHCLI_TOKEN' })
    renderAuthToken(result, c)
    expect(runtime.stdout.text).toBe('env-token-1234567\n')
  })

  it('not logged in: LOGIN_REQUIRED, exit 4, hint authcli auth login', async () => {
    await setup()
    await expect(runAuthToken({}, await ctx())).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4, hint: expect.stringContaining('authcli auth login') })
    await expect(runAuthToken({}, await bare())).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4 })
  })
})

describe('auth status and auth logout', () => {
  it('shows the profile masked, then forgets it from the file', async () => {
    const pat = server.mintPat({ login: 'carol', scopes: ['api:read'] })
    await setup({ stdin: pat })
    await runAuthLogin(login({ flow: 'pat', tokenFrom: '--with-token', profileUrl: profileUrl() }), await ctx())

    const c = await bare({ json: true })
    const status = await runAuthStatus({ showToken: false, only: false }, c)
    renderAuthStatus(status, c)
    expect(JSON.parse(runtime.stdout.text)).toEqual({
      active: 'default',
      profiles: [
        {
          name: 'default',
          host: server.issuer,
          account: 'carol',
          flow: 'pat',
          store: 'file',
          active: true,
          expiresAt: null,
          scopes: ['api:read'],
          tenant: null,
          valid: true,
          source: 'file',
          location: credentialsFile(),
        },
      ],
    })
    expect(runtime.stdout.text).not.toContain(pat)

    const text = await bare()
    renderAuthStatus(await runAuthStatus({ showToken: false, only: false }, text), text)
    expect(runtime.stdout.text).toContain(`  token:    ${pat.slice(0, 4)}****\n`)
    expect(runtime.stdout.text).toContain('✓ logged in')
    const shown = await runAuthStatus({ showToken: true, only: false }, text)
    expect(shown.profiles[0]?.token).toBe(pat)

    const out = await bare()
    const result = await runAuthLogout({ all: false }, out)
    expect(result).toEqual({ loggedOut: [{ host: server.issuer, account: 'carol', stores: ['file'], revoked: false }] })
    renderAuthLogout(result, out)
    expect(runtime.stderr.text).toContain(`✓ Logged out of ${server.issuer} as carol (removed from: file)`)
    expect(await readFile(credentialsFile(), 'utf8')).not.toContain(pat)
    expect((await ctx()).config.profiles.default?.host).toBe(server.issuer)

    const begin = `authcli auth login --device --begin --json --host ${server.issuer}`
    await expect(runAuthLogout({ all: false }, await bare())).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4, login: { begin } })
    const after = await bare()
    const statusAfter = await runAuthStatus({ showToken: false, only: false }, after)
    expect(statusAfter.profiles[0]).toMatchObject({ valid: false, store: null })
    expect(() => renderAuthStatus(statusAfter, after)).toThrowError(expect.objectContaining({ code: 'LOGIN_REQUIRED', exitCode: 4, login: { begin } }))
  })

  it('AUTHCLI_TOKEN stands for the active profile', async () => {
    await setup({ env: { AUTHCLI_TOKEN: 'env-token-1234567' } })
    const c = await ctx({ json: true })
    const status = await runAuthStatus({ showToken: false, only: false }, c)
    expect(status.profiles).toEqual([expect.objectContaining({ name: 'default', store: 'env:AUTHCLI_TOKEN', flow: 'pat', valid: true, active: true })])
    renderAuthStatus(status, c)
  })

  it('no profiles at all: exit 4', async () => {
    await setup()
    const c = await bare()
    const status = await runAuthStatus({ showToken: false, only: false }, c)
    expect(status).toEqual({ active: null, profiles: [], unavailable: [], masked: {}, offline: false })
    expect(() => renderAuthStatus(status, c)).toThrowError(expect.objectContaining({ code: 'LOGIN_REQUIRED' }))
  })

  it('logout --all forgets every host', async () => {
    await setup()
    for (const user of ['dave', 'erin']) {
      const c = await ctx()
      await runAuthLogin(login({ flow: 'pat', token: server.mintPat({ login: user, scopes: ['api:read'] }), profileUrl: profileUrl() }), c)
    }
    const result = await runAuthLogout({ all: true }, await bare())
    expect(result.loggedOut.map((r) => r.account).sort()).toEqual(['dave', 'erin'])
  })
})

describe('store status', () => {
  it('lists every store, counts credentials and names the store for new logins', async () => {
    await setup({ env: { AUTHCLI_STORE: '' } })
    const c = await ctx({ json: true })
    const result = await runStoreStatus({}, c)
    expect(result.choice).toBe('auto')
    expect(result.stores.map((s) => s.kind)).toEqual(['keychain', 'encrypted', 'file', 'memory'])
    expect(result.stores[2]).toMatchObject({ kind: 'file', available: true, credentials: 0, location: credentialsFile() })
    expect(result.stores[1]).toMatchObject({ offered: false, available: false, reason: expect.stringContaining('AUTHCLI_ENCRYPTION_KEY') })
    renderStoreStatus(result, c)
    expect(JSON.parse(runtime.stdout.text)).toMatchObject({ choice: 'auto' })
  })

  it('selected follows the auto policy', () => {
    const s = (kind: string, available: boolean, offered = true) => ({ kind, available, offered, reason: null, location: null, credentials: null }) as never
    expect(selected('auto', [s('keychain', true), s('file', true)])).toBe('keychain')
    expect(selected('auto', [s('keychain', false), s('encrypted', false, true), s('file', true)])).toBe('encrypted')
    expect(selected('auto', [s('keychain', false), s('encrypted', false, false), s('file', true)])).toBe('file')
    expect(selected('keychain', [s('keychain', false)])).toBeNull()
  })
})

describe('relative', () => {
  it.each([
    [30_000, 'in 30s'],
    [90_000, 'in 1m'],
    [-7_200_000, 'expired 2h ago'],
    [3 * 86_400_000, 'in 3d'],
  ])('%d -> %s', (ms, text) => {
    expect(relative(ms)).toBe(text)
  })
})
