// browser-tenant (tenantcli, a Go-CLI-style login), bundled with a build-time client id and run as
// real processes against the dev server. The test plays the user's browser: BROWSER records the
// private launch page it is given, the dev server's sign-in walk answers the authorization URL,
// and the redirect goes to the CLI's listener on 127.0.0.1:8765-8769.
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer } from '@auth/dev-server'
import { describe, expect, it } from 'vitest'
import { playBrowser, recordingBrowser, run, start } from './_product.js'
import { productSuite } from './_product-suite.js'

const p = productSuite('browser-tenant', 'example-browser-tenant-', {}, (server) => ({ __TENANTCLI_CLIENT_ID__: JSON.stringify(server.clients.native.clientId) }))

async function sandbox(): Promise<Record<string, string>> {
  const home = await mkdtemp(join(p.work, 'home-'))
  return { HOME: home, TENANTCLI_HOME: join(home, '.tenantcli') }
}

/** `tenantcli auth login ARGS` with the browser played by the test; resolves the authorization URL and the run. */
async function browserLogin(env: Record<string, string>, args: string[] = [], dev = p.server) {
  const running = start(p.cli, ['auth', 'login', '--api-url', dev.issuer, ...args], { ...env, BROWSER: await recordingBrowser(env.HOME as string) }, null)
  const { url, redirect } = await playBrowser(env.HOME as string, dev)
  return { url, redirect, ran: await running.done }
}

describe('browser-tenant (tenantcli)', { timeout: 60_000 }, () => {
  it('auth login: PKCE with a listener on 127.0.0.1:8765-8769, the build-time client id, the tenant captured and sent as X-Tenant', async () => {
    const env = await sandbox()
    const { url, redirect, ran } = await browserLogin(env, ['--tenant', 'acme'])
    expect(ran.code, ran.stderr).toBe(0)
    expect(url.searchParams.get('client_id')).toBe('authcli')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(redirect.hostname).toBe('127.0.0.1')
    expect(Number(redirect.port)).toBeGreaterThanOrEqual(8765)
    expect(Number(redirect.port)).toBeLessThanOrEqual(8769)
    // One line after the save (issue 18 item 11): core's wording since ux-status.
    expect(ran.stderr).toMatch(/Warning: credentials saved in plain text in .*\.tenantcli\/credentials; /)
    expect(ran.stderr).toMatch(/Logged in to .* as tess \(tenant acme\); saved in the file\n$/)
    // Captured at login: sent without the flag.
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile', '--api-url', p.server.issuer], env)).stdout)).toMatchObject({ login: 'tess', tenant: 'acme' })
    // config.toml wins over the captured one, and the flag over config.toml.
    await writeFile(join(env.TENANTCLI_HOME as string, 'config.toml'), '[profiles.default]\ntenant = "globex"\n', { mode: 0o600 })
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile', '--api-url', p.server.issuer], env)).stdout)).toMatchObject({ tenant: 'globex' })
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile', '--api-url', p.server.issuer, '--tenant', 'initech'], env)).stdout)).toMatchObject({ tenant: 'initech' })
    const who = await run(p.cli, ['whoami', '--api-url', p.server.issuer], env)
    expect(who).toEqual({ code: 0, stdout: `tess <tess@example.test> on ${p.server.issuer}, tenant globex\n`, stderr: '' })
  })

  it('--no-browser: prints the URL, reads the redirect URL pasted back on stdin', async () => {
    const env = await sandbox()
    const running = start(p.cli, ['auth', 'login', '--api-url', p.server.issuer, '--no-browser'], env, null)
    const url = (await running.line(/\/auth\?/)).trim()
    running.write(`${await p.server.authorize(url, { login: 'pat' })}\n`)
    const ran = await running.done
    expect(ran.code, ran.stderr).toBe(0)
    expect(ran.stderr).toMatch(/Logged in to .* as pat; saved in the file\n$/)
  })

  it('client id: --client-id > TENANTCLI_CLIENT_ID > the build-time default', async () => {
    const env = await sandbox()
    const clientOf = async (args: string[], extra: Record<string, string> = {}) => {
      const running = start(p.cli, ['auth', 'login', '--api-url', p.server.issuer, '--no-browser', ...args], { ...env, ...extra }, null)
      const url = new URL((await running.line(/\/auth\?/)).trim())
      // End of input instead of a pasted URL: the login gives up at once and frees its port.
      running.end()
      expect((await running.done).code).not.toBe(0)
      return url.searchParams.get('client_id')
    }
    expect(await clientOf([])).toBe('authcli')
    expect(await clientOf([], { TENANTCLI_CLIENT_ID: 'from-env' })).toBe('from-env')
    expect(await clientOf(['--client-id', 'from-flag'], { TENANTCLI_CLIENT_ID: 'from-env' })).toBe('from-flag')
  })

  it('--with-token and --token-stdin are checked against /api/v1/profile: a bad token is exit 4 and nothing is saved', async () => {
    const env = await sandbox()
    const pat = p.server.mintPat({ login: 'tok', scopes: ['api:read'] })
    expect((await run(p.cli, ['auth', 'login', '--api-url', p.server.issuer, '--token-stdin'], env, `${pat}\n`)).code).toBe(0)
    expect(await run(p.cli, ['auth', 'token', '--api-url', p.server.issuer], env)).toMatchObject({ code: 0, stdout: `${pat}\n` })
    const other = await sandbox()
    const bad = await run(p.cli, ['auth', 'login', '--api-url', p.server.issuer, '--with-token', 'dvp_00000000000000000000000000000000'], other)
    expect(bad.code).toBe(4)
    expect(bad.stderr).toMatch(/^error\[INVALID_TOKEN\]/m)
    expect(bad.stderr).not.toContain('dvp_00000000000000000000000000000000')
    expect((await run(p.cli, ['whoami', '--api-url', p.server.issuer], other)).code).toBe(4)
  })

  it('environments are keyed by --api-url; logout deletes that one only', async () => {
    const env = await sandbox()
    const other = await startDevServer({ port: 0 })
    try {
      await run(p.cli, ['auth', 'login', '--api-url', p.server.issuer, '--token-stdin'], env, p.server.mintPat({ login: 'one', scopes: ['api:read'] }))
      await run(p.cli, ['auth', 'login', '--api-url', other.issuer, '--token-stdin'], env, other.mintPat({ login: 'two', scopes: ['api:read'] }))
      expect((await run(p.cli, ['whoami', '--api-url', p.server.issuer], env)).stdout).toMatch(/^one /)
      expect((await run(p.cli, ['whoami', '--api-url', other.issuer], env)).stdout).toMatch(/^two /)
      expect((await run(p.cli, ['auth', 'logout', '--api-url', other.issuer], env)).stderr).toBe(`Logged out of ${other.issuer} (deleted from: file)\n`)
      expect((await run(p.cli, ['whoami', '--api-url', other.issuer], env)).code).toBe(4)
      expect((await run(p.cli, ['whoami', '--api-url', p.server.issuer], env)).stdout).toMatch(/^one /)
    } finally {
      await other.close()
    }
  })

  it('whoami warns on stderr when the token expires within 30 s and cannot be renewed', async () => {
    const env = await sandbox()
    const pat = p.server.mintPat({ login: 'brief', scopes: ['api:read'], expiresIn: 20 })
    expect((await run(p.cli, ['auth', 'login', '--api-url', p.server.issuer, '--token-stdin'], env, pat)).code).toBe(0)
    const who = await run(p.cli, ['whoami', '--api-url', p.server.issuer], env)
    expect(who.code).toBe(0)
    expect(who.stdout).toBe(`brief <brief@example.test> on ${p.server.issuer}, tenant (none)\n`)
    expect(who.stderr).toMatch(
      new RegExp(`^Warning: the token for ${p.server.issuer} \\(brief\\) expires in (19|20) s and cannot be renewed; run \`tenantcli auth login --api-url ${p.server.issuer}\`\n$`),
    )
    // Used for the time it has left, although it is inside the refresh skew and cannot be renewed.
    expect(JSON.parse((await run(p.cli, ['api', '/api/v1/profile', '--api-url', p.server.issuer], env)).stdout)).toMatchObject({ login: 'brief' })
    // A browser login has a refresh token: no warning.
    const other = await sandbox()
    expect((await browserLogin(other)).ran.code).toBe(0)
    expect(await run(p.cli, ['whoami', '--api-url', p.server.issuer], other)).toMatchObject({ code: 0, stderr: '' })
  })

  it('a tampered config.toml (writable by others) is refused: exit 2 with the fix', async () => {
    const env = await sandbox()
    await mkdir(env.TENANTCLI_HOME as string, { recursive: true, mode: 0o700 })
    const file = join(env.TENANTCLI_HOME as string, 'config.toml')
    await writeFile(file, '[profiles.default]\ntenant = "x"\n')
    await chmod(file, 0o666)
    const ran = await run(p.cli, ['whoami'], env)
    expect(ran.code).toBe(2)
    expect(ran.stderr).toMatch(/^error\[CONFIG_ERROR\]: .*\nhint: chmod go-w /)
  })
})
