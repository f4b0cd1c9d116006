// profiles-encrypted (profcli, a Python-CLI-style login), bundled and run as real processes against
// the dev server. No D-Bus here: no keychain, so credentials go to the encrypted file whose key is
// in PROFCLI_ENCRYPTION_KEY (test/keychain-products.test.ts runs the keychain, the keyring secret
// and a `secret-tool` secret command against a real gnome-keyring).
import { readFile, mkdtemp, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { playBrowser, recordingBrowser, run, start } from './_product.js'
import { productSuite } from './_product-suite.js'

const p = productSuite('profiles-encrypted', 'example-profiles-', { deviceInterval: 0.05 })
// A raw 32-byte key (base64): no scrypt per process. One test uses a passphrase.
const KEY = Buffer.alloc(32, 9).toString('base64')

async function sandbox(): Promise<Record<string, string>> {
  const home = await mkdtemp(join(p.work, 'home-'))
  return { HOME: home, PROFCLI_HOME: join(home, '.profcli'), PROFCLI_ENCRYPTION_KEY: KEY }
}

/** Every file under the product's folder, as text. */
async function everyFile(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true })
  const texts = await Promise.all(names.filter((d) => d.isFile()).map((d) => readFile(join(d.parentPath, d.name), 'latin1')))
  return texts.join('\n')
}

describe('profiles-encrypted (profcli)', { timeout: 60_000 }, () => {
  it('client-credential profile with the secret from an env var: encrypted at rest, masked in status', async () => {
    const env = await sandbox()
    const secret = p.server.clients.confidential.clientSecret
    const created = await run(p.cli, ['auth', 'create', 'ci', '--flow', 'client-credential', '--host', p.server.issuer, '--client-id', 'authcli-confidential', '--secret-env', 'CI_SECRET'], env)
    expect(created).toMatchObject({ code: 0, stderr: `Created profile ci (client-credential on ${p.server.issuer}, client secret from $CI_SECRET)\n` })
    const login = await run(p.cli, ['auth', 'login'], { ...env, CI_SECRET: secret })
    expect(login.code, login.stderr).toBe(0)
    expect(login.stderr).toMatch(/Logged in as authcli-confidential \(profile ci; stored in the encrypted\)\n$/)
    const token = (await run(p.cli, ['auth', 'token'], env)).stdout.trim()
    expect(token.length).toBeGreaterThan(20)
    const status = await run(p.cli, ['auth', 'status'], env)
    expect(status.stdout).toBe(
      `profile: ci (active)\nhost: ${p.server.issuer}\nflow: client-credential\naccount: authcli-confidential\nsource: encrypted\ntoken: ${token.slice(0, 4)}****\nexpires: ${status.stdout.match(/expires: (.*)/)?.[1]}\n`,
    )
    const files = await everyFile(env.PROFCLI_HOME as string)
    expect(files).not.toContain(token)
    expect(files).not.toContain(secret)
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'authcli-confidential', tokenType: 'client_credentials' })
  })

  it('named profiles: auth create, auth use NAME switches which login the commands use', async () => {
    const env = await sandbox()
    await run(p.cli, ['auth', 'create', 'ci', '--flow', 'client-credential', '--host', p.server.issuer, '--client-id', 'authcli-confidential', '--secret-env', 'CI_SECRET'], env)
    expect((await run(p.cli, ['auth', 'login'], { ...env, CI_SECRET: p.server.clients.confidential.clientSecret })).code).toBe(0)
    await run(p.cli, ['auth', 'create', 'dev', '--flow', 'device', '--host', p.server.issuer], env)
    expect(await run(p.cli, ['auth', 'use', 'dev'], env)).toMatchObject({ code: 0, stderr: 'Active profile: dev\n' })
    const login = start(p.cli, ['auth', 'login'], env, null)
    await p.server.approveDevice((await login.line(/^ {2}[A-Z0-9-]{8,9}$/)).trim(), { login: 'devi' })
    expect((await login.done).stderr).toMatch(/Logged in as devi \(profile dev; stored in the encrypted\)\n$/)
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'devi' })
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile', '--profile', 'ci'], env)).stdout)).toMatchObject({ login: 'authcli-confidential' })
    await run(p.cli, ['auth', 'use', 'ci'], env)
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'authcli-confidential' })
    expect((await run(p.cli, ['auth', 'use', 'nope'], env)).code).toBe(2)
  })

  it('--flow web: the browser login (PKCE), the browser played by the test', async () => {
    const env = await sandbox()
    await run(p.cli, ['auth', 'create', 'web', '--flow', 'web', '--host', p.server.issuer], env)
    const login = start(p.cli, ['auth', 'login'], { ...env, BROWSER: await recordingBrowser(env.HOME as string) }, null)
    const { url } = await playBrowser(env.HOME as string, p.server, 'wendy')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect((await login.done).stderr).toMatch(/Logged in as wendy \(profile web; stored in the encrypted\)\n$/)
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'wendy', tokenType: 'access_token' })
  })

  it('token order: PROFCLI_TOKEN wins over the stores; a fresh stored token needs no secret (the flow is built only to renew)', async () => {
    const env = await sandbox()
    await run(p.cli, ['auth', 'create', 'ci', '--flow', 'client-credential', '--host', p.server.issuer, '--client-id', 'authcli-confidential', '--secret-env', 'CI_SECRET'], env)
    const withSecret = { ...env, CI_SECRET: p.server.clients.confidential.clientSecret }
    await run(p.cli, ['auth', 'login'], withSecret)
    const pat = p.server.mintPat({ login: 'from-env', scopes: ['api:read'] })
    expect((await run(p.cli, ['auth', 'token'], { ...env, PROFCLI_TOKEN: pat })).stdout).toBe(`${pat}\n`)
    expect((await run(p.cli, ['auth', 'status'], { ...env, PROFCLI_TOKEN: pat })).stdout).toContain('source: env:PROFCLI_TOKEN\ntoken: dvp_****\n')
    p.server.resetCounters()
    const stored = await run(p.cli, ['auth', 'token'], env)
    expect(stored.code, stored.stderr).toBe(0)
    expect(stored.stdout).not.toBe(`${pat}\n`)
    expect(p.server.counters()).toEqual({})
  })

  it('a missing secret is exit 4 naming the variable; a wrong encryption key is exit 6; no key and no keychain is said', async () => {
    const env = await sandbox()
    await run(p.cli, ['auth', 'create', 'ci', '--flow', 'client-credential', '--host', p.server.issuer, '--client-id', 'authcli-confidential', '--secret-env', 'CI_SECRET'], env)
    const missing = await run(p.cli, ['auth', 'login'], env)
    expect(missing).toMatchObject({ code: 4, stderr: expect.stringContaining('error[LOGIN_REQUIRED]: the client secret is expected in the environment variable CI_SECRET, which is not set') })
    expect((await run(p.cli, ['auth', 'login'], { ...env, CI_SECRET: p.server.clients.confidential.clientSecret })).code).toBe(0)
    const wrong = await run(p.cli, ['auth', 'token'], { ...env, PROFCLI_ENCRYPTION_KEY: 'a passphrase, not the key it was sealed with' })
    expect(wrong.code).toBe(6)
    expect(wrong.stderr).toMatch(/^error\[STORAGE_ERROR\]/m)
    p.server.resetCounters()
    const none = await run(p.cli, ['auth', 'login'], { ...env, PROFCLI_ENCRYPTION_KEY: '', CI_SECRET: p.server.clients.confidential.clientSecret })
    expect(p.server.counters()['client_credentials'] ?? 0).toBe(0)
    expect(none).toMatchObject({
      code: 2,
      stderr:
        'error[CONFIG_ERROR]: PROFCLI_ENCRYPTION_KEY is not set and the keychain is not available\nhint: export PROFCLI_ENCRYPTION_KEY=<a passphrase of 8 or more characters> to keep credentials in an encrypted file\n',
    })
  })

  it('the secrets manager command: its stdout is the secret; a failing one is exit 4 with its stderr, sanitised', async () => {
    const env = await sandbox()
    const manager = `${process.execPath} -e process.stdout.write(process.env.VAULT_SECRET)`
    await run(p.cli, ['auth', 'create', 'vault', '--flow', 'client-credential', '--host', p.server.issuer, '--client-id', 'authcli-confidential', '--secret-command', manager], env)
    const ok = await run(p.cli, ['auth', 'login', '--profile', 'vault'], { ...env, VAULT_SECRET: p.server.clients.confidential.clientSecret })
    expect(ok.code, ok.stderr).toBe(0)
    await run(
      p.cli,
      [
        'auth',
        'create',
        'broken',
        '--flow',
        'client-credential',
        '--host',
        p.server.issuer,
        '--client-id',
        'authcli-confidential',
        '--secret-command',
        `${process.execPath} -e process.stderr.write('\\x1b[2Jdenied');process.exit(7)`,
      ],
      env,
    )
    const failed = await run(p.cli, ['auth', 'login', '--profile', 'broken'], env)
    expect(failed).toMatchObject({ code: 4 })
    expect(failed.stderr).toContain('error[LOGIN_REQUIRED]: the secrets manager command node failed (exit 7): [2Jdenied')
    expect(failed.stderr).not.toContain('\x1b')
  })

  it('a tampered profiles.json is refused with CONFIG_ERROR (exit 2)', async () => {
    const env = await sandbox()
    await run(p.cli, ['auth', 'create', 'ci', '--flow', 'device', '--host', p.server.issuer], env)
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(env.PROFCLI_HOME as string, 'profiles.json'), '{"profiles":{"ci":{"host":1}}}', { mode: 0o600 })
    expect((await run(p.cli, ['auth', 'token'], env)).stderr).toMatch(/^error\[CONFIG_ERROR\]: .*profiles\.json is not a profcli profiles file/)
    await writeFile(join(env.PROFCLI_HOME as string, 'profiles.json'), '{', { mode: 0o600 })
    expect(await run(p.cli, ['auth', 'token'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not valid JSON/) })
  })
})
