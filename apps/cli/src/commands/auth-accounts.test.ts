// auth switch|whoami|refresh|git-credential and api, run in-process against the real dev server
// and a real file store in a temp folder. Parsing: auth-extra.test.ts; the binary: test/.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testContext, testRuntime, type TestRuntime } from '../_testing.js'
import type { Env } from '../context.js'
import type { GlobalOptions } from '../global-options.js'
import { renderApi, runApi, formatBody } from './api.js'
import type { AuthLoginOptions } from './auth-login-options.js'
import { runAuthLogin } from './auth-login.js'
import { runAuthLogout } from './auth-logout.js'
import { renderAuthGitCredential, runAuthGitCredential } from './auth-git-credential.js'
import { renderAuthRefresh, runAuthRefresh } from './auth-refresh.js'
import { renderAuthSwitch, runAuthSwitch } from './auth-switch.js'
import { runAuthToken } from './auth-token.js'
import { renderAuthWhoami, runAuthWhoami } from './auth-whoami.js'

let server: DevServer
let runtime: TestRuntime
beforeAll(async () => void (server = await startDevServer({ port: 0 })))
afterAll(() => server?.close())
afterEach(() => runtime?.cleanup())

const login = (over: Partial<AuthLoginOptions> = {}): AuthLoginOptions => ({ scopes: [], qr: false, insecure: false, ...over })
const profileUrl = () => `${server.issuer}/api/v1/profile`
const configFile = () => join(runtime.env.AUTHCLI_CONFIG_DIR as string, 'config.toml')

async function setup(env: Env = {}, stdin?: string) {
  runtime = await testRuntime({ env: { AUTHCLI_STORE: 'file', ...env }, ...(stdin !== undefined && { stdin }) })
}
/** A fresh context over the same folder (what the next command of a session sees), with stdin. */
async function next(globals: Partial<GlobalOptions> = {}, stdin?: string) {
  if (stdin !== undefined) Object.assign(runtime, { stdin: (await import('../_testing.js')).textStream(stdin) })
  return testContext(runtime, globals)
}
async function patLogin(who: string, scopes = ['api:read']): Promise<string> {
  const token = server.mintPat({ login: who, scopes, name: who.toUpperCase(), email: `${who}@example.test` })
  await runAuthLogin(login({ flow: 'pat', token, profileUrl: profileUrl() }), await next({ host: server.issuer }))
  return token
}

describe('two accounts on one host: switch, whoami, logout', () => {
  it('pins the profile to the account, reads exactly its credential, unpins on logout', async () => {
    await setup()
    const alice = await patLogin('alice')
    const bob = await patLogin('bob')
    expect(await readFile(configFile(), 'utf8')).toContain('account = "bob"')
    expect((await runAuthToken({}, await next())).token).toBe(bob)

    const c = await next()
    const switched = await runAuthSwitch({ account: 'alice' }, c)
    expect(switched).toEqual({ active: 'default', host: server.issuer, account: 'alice' })
    renderAuthSwitch(switched, c)
    expect(runtime.stderr.text).toContain(`✓ Switched to default: ${server.issuer} as alice\n`)
    expect((await runAuthToken({}, await next())).token).toBe(alice)
    expect(await runAuthWhoami({}, await next())).toEqual({ host: server.issuer, account: 'alice', name: 'ALICE', email: 'alice@example.test', flow: 'pat', store: 'file', expiresAt: null })

    await expect(runAuthSwitch({ account: 'carol' }, await next())).rejects.toMatchObject({
      code: 'LOGIN_REQUIRED',
      exitCode: 4,
      hint: expect.stringContaining('logged-in accounts on'),
      login: { begin: `authcli auth login --device --begin --json --host ${server.issuer}` },
    })
    await runAuthLogout({ all: false }, await next())
    expect(await readFile(configFile(), 'utf8')).not.toContain('account =')
    expect((await runAuthToken({}, await next())).token).toBe(bob)
  })

  it('switch --host / --profile: an unknown profile is exit 2, a host without a profile exit 4', async () => {
    await setup()
    await patLogin('alice')
    await expect(runAuthSwitch({ profile: 'nope' }, await next({ profile: 'nope' }))).rejects.toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2, hint: 'known profiles: default' })
    await expect(runAuthSwitch({ host: 'https://other.example' }, await next({ host: 'https://other.example' }))).rejects.toMatchObject({
      code: 'LOGIN_REQUIRED',
      exitCode: 4,
      login: { begin: 'authcli auth login --device --begin --json --host https://other.example' },
    })
    expect(await runAuthSwitch({ host: server.issuer }, await next({ host: server.issuer }))).toEqual({ active: 'default', host: server.issuer, account: 'alice' })
  })
})

describe('auth whoami', () => {
  it('offline, from what the login captured; warns when the token expires within 30 s', async () => {
    await setup({ AUTHCLI_CLIENT_SECRET: server.clients.confidential.clientSecret })
    await runAuthLogin(login({ flow: 'client-credentials', clientId: 'authcli-confidential', scopes: ['api:read'] }), await next({ host: server.issuer }))
    const c = await next()
    const who = await runAuthWhoami({}, c)
    expect(who).toMatchObject({ host: server.issuer, account: 'authcli-confidential', flow: 'client-credentials', store: 'file', name: null, email: null })
    expect(runtime.stderr.text).not.toContain('warning')
    const expiresAt = Date.parse(who.expiresAt as string)
    await runAuthWhoami({}, await next(), () => expiresAt - 10_000)
    expect(runtime.stderr.text).toMatch(/warning: the token for http:\/\/127\.0\.0\.1:\d+ expires in 10s; it is renewed on next use/)
    await runAuthWhoami({}, await next(), () => expiresAt + 120_000)
    expect(runtime.stderr.text).toMatch(/warning: the token for .* expired 2m ago; it is renewed on next use/)
    renderAuthWhoami(who, c)
    expect(runtime.stdout.text).toMatch(/^account: authcli-confidential\nhost: {4}http:\/\/127\.0\.0\.1:\d+\nflow: {4}client-credentials\nstore: {3}file\nexpires: \d{4}-/)
  })

  it('not logged in: exit 4', async () => {
    await setup()
    await expect(runAuthWhoami({}, await next({ host: server.issuer }))).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4 })
  })
})

describe('auth refresh', () => {
  it('a personal access token cannot be refreshed: exit 4, hint auth login --with-token', async () => {
    await setup()
    await patLogin('alice')
    await expect(runAuthRefresh({ scopes: [] }, await next())).rejects.toMatchObject({
      code: 'NOT_REFRESHABLE',
      exitCode: 4,
      message: expect.stringContaining('personal access tokens cannot be refreshed'),
      hint: expect.stringContaining('auth login --with-token'),
    })
  })

  it('client credentials: a new grant now; --scope changes the scopes and records them', async () => {
    await setup({ AUTHCLI_CLIENT_SECRET: server.clients.confidential.clientSecret })
    await runAuthLogin(login({ flow: 'client-credentials', clientId: 'authcli-confidential', scopes: ['api:read'] }), await next({ host: server.issuer }))
    const before = (await runAuthToken({}, await next())).token
    server.resetCounters()
    const c = await next()
    const result = await runAuthRefresh({ scopes: ['api:write'] }, c)
    expect(result).toEqual({ host: server.issuer, account: 'authcli-confidential', expiresAt: expect.stringMatching(/^\d{4}-/), scopes: ['api:write'] })
    expect(server.counters().client_credentials).toBe(1)
    const after = (await runAuthToken({}, await next())).token
    expect(after).not.toBe(before)
    expect(await readFile(configFile(), 'utf8')).toContain('scopes = [ "api:write" ]')
    renderAuthRefresh(result, c)
    expect(runtime.stderr.text).toMatch(new RegExp(`✓ Refreshed the token for ${server.issuer.replace(/\./g, '\\.')} \\(authcli-confidential\\), expires \\d{4}-.*\\(in \\d+m\\)\\n$`))
  })

  it('AUTHCLI_TOKEN set: exit 2; not logged in: exit 4', async () => {
    await setup({ AUTHCLI_TOKEN: 'env-token-0123456789' })
    await expect(runAuthRefresh({ scopes: [] }, await next({ host: server.issuer }))).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
    await setup()
    await expect(runAuthRefresh({ scopes: [] }, await next({ host: server.issuer }))).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4 })
  })
})

describe('auth git-credential', () => {
  it('get answers the token for the profile host only; username picks the account', async () => {
    await setup()
    const alice = await patLogin('alice')
    const bob = await patLogin('bob')
    const port = new URL(server.issuer).port
    const ask = async (text: string, operation = 'get') => {
      const c = await next({}, text)
      const before = runtime.stdout.text.length
      renderAuthGitCredential(await runAuthGitCredential({ operation }, c), c)
      return runtime.stdout.text.slice(before)
    }
    expect(await ask(`protocol=http\nhost=127.0.0.1:${port}\n\n`)).toBe(`username=bob\npassword=${bob}\n`)
    expect(await ask(`protocol=http\nhost=127.0.0.1:${port}\nusername=alice\n\n`)).toBe(`username=alice\npassword=${alice}\n`)
    expect(await ask(`protocol=http\nhost=127.0.0.1:${port}\nusername=carol\n\n`)).toBe('')
    expect(await ask(`protocol=https\nhost=127.0.0.1:${port}\n\n`)).toBe('')
    expect(await ask('protocol=http\nhost=git.example.com\n\n')).toBe('')
    expect(await ask(`protocol=http\nhost=127.0.0.1:${port}\npassword=x\n\n`, 'store')).toBe('')
    expect(await ask(`protocol=http\nhost=127.0.0.1:${port}\n\n`, 'erase')).toBe('')
    expect((await runAuthToken({}, await next())).token).toBe(bob)
    await expect(ask('garbage\n')).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
  })
})

describe('api', () => {
  it('sends the token and the tenant; prints the JSON body pretty', async () => {
    await setup({ AUTHCLI_TENANT: 'from-env' })
    await patLogin('alice')
    const c = await next()
    const result = await runApi({ path: '/api/v1/echo?q=1', method: 'POST', data: '{"a":1}', tenant: 'acme' }, c)
    expect(result).toMatchObject({ status: 200, retried: false })
    renderApi(result, c)
    const body = JSON.parse(runtime.stdout.text)
    expect(body).toMatchObject({ tenant: 'acme', login: 'alice', method: 'POST', path: '/api/v1/echo', query: { q: '1' }, body: { a: 1 } })
    expect(runtime.stdout.text).toContain('\n  "tenant": "acme",\n')
    expect(JSON.parse(formatBody((await runApi({ path: 'api/v1/echo', method: 'GET' }, await next())).body, 'application/json')).tenant).toBe('from-env')
  })

  it('maps statuses: 403 exit 4, 404 exit 2, 401 exit 4 (a PAT is not renewed)', async () => {
    await setup()
    const token = await patLogin('alice')
    const render = async (path: string) => {
      const c = await next()
      try {
        renderApi(await runApi({ path, method: 'GET' }, c), c)
      } catch (error) {
        return error
      }
      return undefined
    }
    expect(await render('/nope')).toMatchObject({ code: 'HTTP_ERROR', exitCode: 2, message: expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/nope: 404/) })
    server.revokePat(token)
    expect(await render('/api/v1/profile')).toMatchObject({ code: 'INVALID_TOKEN', exitCode: 4, hint: 'run `authcli auth login`' })
    const scopeless = server.mintPat({ login: 'dave', scopes: [] })
    await setup({ AUTHCLI_TOKEN: scopeless, AUTHCLI_HOST: server.issuer })
    expect(await render('/api/v1/profile')).toMatchObject({ code: 'INSUFFICIENT_SCOPE', exitCode: 4, message: expect.stringContaining('it accepts: ') })
  })

  it('refuses a PATH on another host before sending anything', async () => {
    await setup()
    await patLogin('alice')
    server.resetCounters()
    await expect(runApi({ path: 'http://127.0.0.2:1/api/v1/echo', method: 'GET' }, await next())).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
    expect(server.counters().echo ?? 0).toBe(0)
  })
})
