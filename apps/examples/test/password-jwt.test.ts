// password-jwt (pwcli: a product's own Flow), bundled and run as real processes against the dev
// server's product login endpoint (POST /api/v1/session). The password prompt runs in a real
// pseudo-terminal (`script`).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from './_product.js'
import { productSuite } from './_product-suite.js'

const p = productSuite('password-jwt', 'example-password-', { accessTokenTtl: 300 })
const PASSWORD = 'correct horse battery staple'
beforeAll(() => {
  p.server.setPassword('paula', PASSWORD)
})

async function sandbox(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const home = await mkdtemp(join(p.work, 'home-'))
  return { HOME: home, PWCLI_HOST: p.server.issuer, ...extra }
}

describe('password-jwt (pwcli)', { timeout: 60_000 }, () => {
  it('no caching by default: every command trades the password for a new JWT (a memory store)', async () => {
    const env = await sandbox({ PWCLI_USERNAME: 'paula', PWCLI_PASSWORD: PASSWORD })
    p.server.resetCounters()
    const login = await run(p.cli, ['login'], env)
    expect(login.stderr).toMatch(/^Logged in as paula until \d{4}-.*Z \(not cached: set PWCLI_TOKEN_CACHE_DIR to keep it\)\n$/)
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile'], env)).stdout)).toMatchObject({ login: 'paula', tokenType: 'session' })
    expect((await run(p.cli, ['token'], env)).stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/)
    expect(p.server.counters()['session']).toBe(3)
    expect(await readdir(env.HOME as string)).toEqual([])
    // Empty disables the cache too.
    await run(p.cli, ['token'], { ...env, PWCLI_TOKEN_CACHE_DIR: '' })
    expect(p.server.counters()['session']).toBe(4)
  })

  it('PWCLI_TOKEN_CACHE_DIR: the JWT is cached there (0600) and reused until it expires; logout forgets it', async () => {
    const env = await sandbox({ PWCLI_USERNAME: 'paula', PWCLI_PASSWORD: PASSWORD })
    const cache = join(env.HOME as string, 'cache')
    p.server.resetCounters()
    const first = await run(p.cli, ['token'], { ...env, PWCLI_TOKEN_CACHE_DIR: cache })
    const second = await run(p.cli, ['token'], { ...env, PWCLI_TOKEN_CACHE_DIR: cache, PWCLI_PASSWORD: '' })
    expect(second).toEqual({ code: 0, stdout: first.stdout, stderr: '' })
    expect(p.server.counters()['session']).toBe(1)
    const file = await readFile(join(cache, 'token-cache.json'), 'utf8')
    expect(file).toContain(first.stdout.trim())
    expect(file).not.toContain(PASSWORD)
    await run(p.cli, ['logout'], { ...env, PWCLI_TOKEN_CACHE_DIR: cache })
    expect((await run(p.cli, ['token'], { ...env, PWCLI_TOKEN_CACHE_DIR: cache, PWCLI_PASSWORD: '' })).code).toBe(4)
  })

  it('the username from ~/.pwclirc; a password there is never read (and said); a wrong password is exit 4', async () => {
    const env = await sandbox()
    await writeFile(join(env.HOME as string, '.pwclirc'), `username=paula\npassword=${PASSWORD}\n`)
    const noPassword = await run(p.cli, ['login'], env)
    expect(noPassword).toMatchObject({ code: 4, stdout: '' })
    expect(noPassword.stderr).toBe(
      'warning: ~/.pwclirc holds a password; pwcli never reads it from there: remove that line\nerror[LOGIN_REQUIRED]: no password for paula\nhint: set PWCLI_PASSWORD, or run pwcli in a terminal to be asked\n',
    )
    expect(noPassword.stderr).not.toContain(PASSWORD)
    expect((await run(p.cli, ['login'], { ...env, PWCLI_PASSWORD: PASSWORD })).stderr).toMatch(/Logged in as paula/)
    const wrong = await run(p.cli, ['login'], { ...env, PWCLI_PASSWORD: 'not the password' })
    expect(wrong.code).toBe(4)
    expect(wrong.stderr).toMatch(/error\[INVALID_TOKEN\]: .* refused the password for paula\nhint: check PWCLI_USERNAME and PWCLI_PASSWORD\n$/)
    expect(wrong.stderr).not.toContain('not the password')
    const tampered = await run(p.cli, ['login'], { ...env, PWCLI_PASSWORD: PASSWORD, PWCLI_USERNAME: 'paula\u001b[2J' })
    expect(tampered).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error\[CONFIG_ERROR\]: the username .* is not a user name\n/) })
  })

  it.runIf(spawnSync('sh', ['-c', 'command -v script']).status === 0)('asks for the password in a terminal, without echoing it', async () => {
    const env = await sandbox({ PWCLI_USERNAME: 'paula' })
    const input = join(env.HOME as string, 'typed')
    await writeFile(input, `${PASSWORD}\r`)
    // `script` gives pwcli a pseudo-terminal; the password is typed a second after it starts.
    const shell = `(sleep 1; cat '${input}'; sleep 5) | script -qfec '${process.execPath} ${p.cli} login' /dev/null`
    const child = spawn('sh', ['-c', shell], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk))
    for (let i = 0; i < 200 && !/Logged in as paula until/.test(out); i++) await new Promise((resolve) => setTimeout(resolve, 50))
    child.kill()
    // Core's prompter (readline) moves the cursor around the question: what is shown, escapes aside.
    expect(out.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')).toMatch(/^Password for paula: \r\nLogged in as paula until/)
    expect(out).not.toContain(PASSWORD)
  })

  it('PWCLI_TOKEN (a PAT) wins; a PAT created without scopes is explained on its 403', async () => {
    const env = await sandbox()
    const good = p.server.mintPat({ login: 'paula', scopes: ['api:read'] })
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile'], { ...env, PWCLI_TOKEN: good })).stdout)).toMatchObject({ tokenType: 'pat' })
    const scopeless = p.server.mintPat({ login: 'paula', scopes: [] })
    const refused = await run(p.cli, ['api', '/api/v1/profile'], { ...env, PWCLI_TOKEN: scopeless })
    expect(refused).toEqual({
      code: 4,
      stdout: '',
      stderr:
        'error[INSUFFICIENT_SCOPE]: /api/v1/profile: HTTP 403, the token has no scopes\nhint: a personal access token needs a scope to be used at all: create one with api:read, api:write, openid, profile\n',
    })
  })
})
