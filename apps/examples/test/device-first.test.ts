// device-first (hubcli, a gh-style CLI), bundled and run as real processes against the dev server,
// with the commands its README shows. No D-Bus here: the keychain falls back to the 0600 file,
// said out loud (test/keychain-products.test.ts runs it against a real gnome-keyring).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundle, run, start } from './_product.js'

let a: DevServer
let b: DevServer
let work: string
let cli: string
beforeAll(async () => {
  ;[a, b] = (await Promise.all([0, 1].map(() => startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 3600 })))) as [DevServer, DevServer]
  work = await mkdtemp(join(tmpdir(), 'example-device-first-'))
  cli = await bundle('device-first', work)
}, 60_000)
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  if (work) await rm(work, { recursive: true, force: true })
})

const sandbox = async () => {
  const home = await mkdtemp(join(work, 'home-'))
  return { HOME: home, HUBCLI_CONFIG_DIR: join(home, '.hubcli') }
}

async function deviceLogin(server: DevServer, env: Record<string, string>, login: string) {
  const running = start(cli, ['auth', 'login', '--host', server.issuer], env, null)
  const code = (await running.line(/^ {2}[A-Z0-9]{4}-?[A-Z0-9]{4}$/)).trim()
  await server.approveDevice(code, { login })
  return running.done
}

describe('device-first (hubcli)', { timeout: 60_000 }, () => {
  it('auth login --host (device flow), auth token, api, auth status, auth refresh, auth logout', async () => {
    const env = await sandbox()
    const login = await deviceLogin(a, env, 'dana')
    expect(login.code, login.stderr).toBe(0)
    expect(login.stderr).toContain(`Open this page in a browser on any device:\n  ${a.issuer}/device`)
    expect(login.stderr).toMatch(/! the keychain is not available \(.*\): storing credentials in plain text in .*credentials \(mode 0600\)/)
    expect(login.stderr).toMatch(new RegExp(`✓ Logged in to ${a.issuer} as dana \\(file\\)\\n$`))
    expect((await readFile(join(env.HUBCLI_CONFIG_DIR, 'host'), 'utf8')).trim()).toBe(a.issuer)

    const token = await run(cli, ['auth', 'token'], env)
    expect(token.code).toBe(0)
    const me = await run(cli, ['api', '/api/v1/profile'], env)
    expect(JSON.parse(me.stdout)).toMatchObject({ login: 'dana', tokenType: 'access_token' })

    const status = await run(cli, ['auth', 'status'], env)
    expect(status.code).toBe(0)
    expect(status.stderr).toContain(`✓ Logged in to ${a.issuer} account dana (file: ${join(env.HUBCLI_CONFIG_DIR, 'credentials')})`)
    expect(status.stderr).toContain('  - Active host: true')
    expect(status.stderr).not.toContain(token.stdout.trim())

    a.resetCounters()
    const refreshed = await run(cli, ['auth', 'refresh'], env)
    expect(refreshed.stderr).toMatch(/^✓ Refreshed the token for .* \(openid profile offline_access api:read\)\n$/)
    expect(a.counters()['refresh_token']).toBe(1)
    expect((await run(cli, ['auth', 'token'], env)).stdout).not.toBe(token.stdout)

    const logout = await run(cli, ['auth', 'logout'], env)
    expect(logout).toMatchObject({ code: 0, stderr: `✓ Logged out of ${a.issuer} account dana\n` })
    const after = await run(cli, ['auth', 'token'], env)
    expect(after).toMatchObject({ code: 4, stdout: '' })
    expect(after.stderr).toBe(`error[LOGIN_REQUIRED]: not logged in to ${a.issuer}\nhint: run \`hubcli auth login --host ${a.issuer}\`\n`)
  })

  it('two hosts: auth status lists both, auth switch --host picks the active one, and refuses a host without a login', async () => {
    const env = await sandbox()
    expect((await deviceLogin(a, env, 'dana')).code).toBe(0)
    expect((await deviceLogin(b, env, 'bert')).code).toBe(0)
    expect(JSON.parse((await run(cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'bert' })
    expect((await run(cli, ['auth', 'switch', '--host', a.issuer], env)).stderr).toBe(`✓ Switched the active host to ${a.issuer}\n`)
    expect(JSON.parse((await run(cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'dana' })
    const status = (await run(cli, ['auth', 'status'], env)).stderr
    expect(status).toMatch(/account dana .*\n {2}- Active host: true/)
    expect(status).toMatch(/account bert .*\n {2}- Active host: false/)
    const refused = await run(cli, ['auth', 'switch', '--host', 'http://127.0.0.1:9'], env)
    expect(refused).toMatchObject({ code: 4, stderr: 'error[LOGIN_REQUIRED]: not logged in to http://127.0.0.1:9\nhint: run `hubcli auth login --host http://127.0.0.1:9`\n' })
  })

  it('auth login --with-token reads a PAT from stdin, validated first; a bad one is refused (exit 4), nothing stored', async () => {
    const env = await sandbox()
    const pat = a.mintPat({ login: 'pat-user', scopes: ['api:read'] })
    expect(await run(cli, ['auth', 'login', '--host', a.issuer, '--with-token'], env, `${pat}\n`)).toMatchObject({ code: 0 })
    expect(await run(cli, ['auth', 'token'], env)).toMatchObject({ code: 0, stdout: `${pat}\n` })
    const other = await sandbox()
    const bad = await run(cli, ['auth', 'login', '--host', a.issuer, '--with-token'], other, 'dvp_00000000000000000000000000000000\n')
    expect(bad.code).toBe(4)
    expect(bad.stderr).toMatch(/^error\[INVALID_TOKEN\]/m)
    expect((await run(cli, ['auth', 'status'], other)).stderr).toContain('You are not logged into any hosts.')
  })

  it('HUBCLI_API_KEY skips the store entirely: used as is, nothing read or written, and login refuses to run', async () => {
    const env = await sandbox()
    const key = a.mintPat({ login: 'ci', scopes: ['api:read'] })
    const withKey = { ...env, HUBCLI_API_KEY: key }
    expect(await run(cli, ['auth', 'token', '--host', a.issuer], withKey)).toEqual({ code: 0, stdout: `${key}\n`, stderr: '' })
    expect(JSON.parse((await run(cli, ['api', '/api/v1/profile', '--host', a.issuer], withKey)).stdout)).toMatchObject({ login: 'ci' })
    expect((await run(cli, ['auth', 'status', '--host', a.issuer], withKey)).stderr).toContain(`✓ Logged in to ${a.issuer} using the token in HUBCLI_API_KEY`)
    const login = await run(cli, ['auth', 'login', '--host', a.issuer], withKey)
    expect(login.code).toBe(2)
    await expect(readFile(join(env.HUBCLI_CONFIG_DIR, 'credentials'))).rejects.toThrow(/ENOENT/)
  })

  it('a bad flag or command: exit 2, one line, no stack trace', async () => {
    const env = await sandbox()
    expect(await run(cli, ['auth', 'login', '--nope'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error\[USAGE_ERROR\]: Unknown option '--nope'/) })
    expect(await run(cli, ['auth', 'frobnicate'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error\[USAGE_ERROR\]: unknown command "auth frobnicate"\nhint: /) })
  })
})
