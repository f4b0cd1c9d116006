// yaml-config (yamlcli, a Flyte-style config.yaml), bundled and run as real processes against the
// dev server: each authType, the config path from --config or YAMLCLI_CONFIG, and bad files.
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { playBrowser, recordingBrowser, run, start } from './_product.js'
import { productSuite } from './_product-suite.js'

const p = productSuite('yaml-config', 'example-yaml-', { deviceInterval: 0.05 })

async function sandbox(yaml: string, name = 'config.yaml'): Promise<{ env: Record<string, string>; file: string }> {
  const home = await mkdtemp(join(p.work, 'home-'))
  await mkdir(join(home, 'flyte'), { mode: 0o700 })
  const file = join(home, 'flyte', name)
  await writeFile(file, yaml, { mode: 0o600 })
  return { env: { HOME: home }, file }
}
const endpoint = () => `dns:///${new URL(p.server.issuer).host}`

describe('yaml-config (yamlcli)', { timeout: 60_000 }, () => {
  it('authType: ClientSecret with clientSecretLocation (a 0600 file), config path from --config', async () => {
    const { env, file } = await sandbox('')
    const secretFile = join(env.HOME as string, 'client_secret')
    await writeFile(secretFile, `${p.server.clients.confidential.clientSecret}\n`, { mode: 0o600 })
    await writeFile(
      file,
      `admin:\n  endpoint: ${endpoint()}\n  insecure: true\n  authType: ClientSecret\n  clientId: authcli-confidential\n  clientSecretLocation: ${secretFile}\n  scopes: [api:read]\n`,
    )
    const login = await run(p.cli, ['auth', 'login', '--config', file], env)
    expect(login).toMatchObject({ code: 0, stderr: expect.stringMatching(/Authenticated to http:\/\/127\.0\.0\.1:\d+ as authcli-confidential \(ClientSecret; token kept in the file\)\n$/) })
    expect(JSON.parse((await run(p.cli, ['get', '/api/v1/profile', '--config', file], env)).stdout)).toMatchObject({ login: 'authcli-confidential' })
    await chmod(secretFile, 0o644)
    await run(p.cli, ['auth', 'logout', '--config', file], env)
    const refused = await run(p.cli, ['auth', 'login', '--config', file], env)
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain(`error[LOGIN_REQUIRED]: the client secret file ${secretFile} is accessible by other users (mode 0644); refusing to use it\nhint: chmod 600 ${secretFile}`)
  })

  it('authType: ClientSecret with clientSecretEnvVar, config path from YAMLCLI_CONFIG (below --config)', async () => {
    const { env, file } = await sandbox(
      `admin:\n  endpoint: ${endpoint()}\n  insecure: true\n  authType: ClientSecret\n  clientId: authcli-post\n  clientSecretEnvVar: FLYTE_SECRET\n  scopes: [api:read]\n`,
    )
    const login = await run(p.cli, ['auth', 'login'], { ...env, YAMLCLI_CONFIG: file, FLYTE_SECRET: p.server.clients.post.clientSecret })
    expect(login.code, login.stderr).toBe(0)
    expect((await run(p.cli, ['auth', 'token'], { ...env, YAMLCLI_CONFIG: file })).code).toBe(0)
    const other = await sandbox('admin: [1]\n', 'broken.yaml')
    expect((await run(p.cli, ['auth', 'token', '--config', other.file], { ...env, YAMLCLI_CONFIG: file })).stderr).toBe(
      `error[CONFIG_ERROR]: ${other.file}: has no admin section\nhint: see the admin section in the yamlcli README\n`,
    )
  })

  it('authType: DeviceFlow', async () => {
    const { env, file } = await sandbox(`admin:\n  endpoint: ${p.server.issuer}\n  authType: DeviceFlow\n  clientId: authcli\n`)
    const login = start(p.cli, ['auth', 'login', '--config', file], env, null)
    await p.server.approveDevice((await login.line(/^ {2}[A-Z0-9-]{8,9}$/)).trim(), { login: 'flo' })
    expect((await login.done).stderr).toMatch(/as flo \(DeviceFlow; token kept in the file\)\n$/)
    expect(JSON.parse((await run(p.cli, ['get', '/api/v1/profile', '--config', file], env)).stdout)).toMatchObject({ login: 'flo' })
  })

  it('authType: Pkce (the browser, played by the test)', async () => {
    const { env, file } = await sandbox(`admin:\n  endpoint: ${endpoint()}\n  insecure: true\n  authType: Pkce\n  clientId: authcli\n`)
    const login = start(p.cli, ['auth', 'login', '--config', file], { ...env, BROWSER: await recordingBrowser(env.HOME as string) }, null)
    const { url } = await playBrowser(env.HOME as string, p.server, 'paula')
    expect(url.searchParams.get('client_id')).toBe('authcli')
    expect((await login.done).stderr).toMatch(/as paula \(Pkce; token kept in the file\)\n$/)
  })

  it.each([
    ['admin:\n  authType: Pkce\n', 'admin.endpoint is required'],
    ['admin:\n  endpoint: dns:///x.example.com\n  authType: Basic\n', 'admin.authType must be Pkce, DeviceFlow or ClientSecret, not "Basic"'],
    ['admin:\n  endpoint: dns:///x.example.com\n  authType: ClientSecret\n', 'admin.authType ClientSecret needs one of clientSecretLocation or clientSecretEnvVar'],
    ['admin:\n  endpoint: [1, 2]\n', 'admin.endpoint must be a non-empty string'],
    ['admin:\n  endpoint: dns:///x.example.com\n  authType: "\\e[2JPkce"\n', 'admin.authType must be Pkce, DeviceFlow or ClientSecret, not "[2JPkce"'],
    ['admin: {\n', 'not valid YAML'],
    ['a: &a [1]\nb: &b [*a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\nadmin: {}\n', 'not valid YAML'],
  ])('refuses a bad config.yaml with CONFIG_ERROR (exit 2): %j', async (yaml, message) => {
    const { env, file } = await sandbox(yaml)
    const ran = await run(p.cli, ['auth', 'token', '--config', file], env)
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain(`error[CONFIG_ERROR]: ${file}: ${message}`)
  })

  it('refuses a config.yaml others could have written', async () => {
    const { env, file } = await sandbox(`admin:\n  endpoint: ${p.server.issuer}\n`)
    await chmod(file, 0o666)
    expect(await run(p.cli, ['auth', 'token', '--config', file], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/hint: chmod go-w /) })
  })
})
