// The products against a REAL keychain: gnome-keyring's Secret Service on a private D-Bus session
// bus (dbus-run-session), its address handed to each product process. device-first keeps its
// credential in the keychain keyed by host URL; browser-tenant's logout deletes from the keychain
// and the 0600 file; profiles-encrypted reads a client secret from the keyring (`auth set-secret`)
// and from `secret-tool lookup` (the `command` secret source). Skipped, loudly, without the tools.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyring, missingKeyringTools } from './_keyring.js'
import { bundle, run, start } from './_product.js'

const missing = missingKeyringTools()
if (missing.length > 0 && !process.env['CI']) process.stderr.write(`\n!!!!!!!! KEYCHAIN PRODUCT TESTS SKIPPED: missing ${missing.join(', ')} !!!!!!!!\n\n`)
const runIt = missing.length === 0 || !!process.env['CI']

let server: DevServer
let work: string
let bundles: string | undefined
const cli: Record<string, string> = {}
beforeAll(async () => {
  if (!runIt) return
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
  work = await mkdtemp(join(tmpdir(), 'example-keychain-'))
  // Inside the repository, so that the bundles find the native keychain addon (left external, as
  // a product ships it) in node_modules; removed after.
  bundles = await mkdtemp(join(import.meta.dirname, '..', '.bundles-'))
  for (const name of ['device-first', 'browser-tenant', 'profiles-encrypted']) cli[name] = await bundle(name, bundles)
}, 60_000)
afterAll(async () => {
  await server?.close()
  if (work) await rm(work, { recursive: true, force: true })
  if (bundles) await rm(bundles, { recursive: true, force: true })
})

const secretTool = (env: Record<string, string>, ...args: string[]) => spawnSync('secret-tool', args, { env, encoding: 'utf8' })

describe.runIf(runIt)('the products with a real keychain (gnome-keyring)', { timeout: 60_000 }, () => {
  it('device-first: the credential lands in the keychain, keyed by host URL; no plain-text file; logout removes it', async () => {
    const k = await keyring(work)
    try {
      const env = { ...k.env, HUBCLI_CONFIG_DIR: join(k.env.HOME as string, '.hubcli') }
      const login = start(cli['device-first'] as string, ['auth', 'login', '--host', server.issuer], env, null)
      await server.approveDevice((await login.line(/^ {2}[A-Z0-9-]{8,9}$/)).trim(), { login: 'kay' })
      const done = await login.done
      expect(done.stderr).toMatch(new RegExp(`✓ Logged in to ${server.issuer} as kay \\(keychain\\)\\n$`))
      expect(done.stderr).not.toMatch(/plain text/)
      expect(existsSync(join(env.HUBCLI_CONFIG_DIR, 'credentials'))).toBe(false)
      const found = secretTool(env, 'search', '--all', 'service', 'hubcli')
      expect(`${found.stdout}${found.stderr}`).toContain(server.issuer)
      expect((await run(cli['device-first'] as string, ['auth', 'status'], env)).stderr).toContain(`✓ Logged in to ${server.issuer} account kay (keychain`)
      expect((await run(cli['device-first'] as string, ['auth', 'logout'], env)).code).toBe(0)
      expect((await run(cli['device-first'] as string, ['auth', 'token'], env)).code).toBe(4)
    } finally {
      await k.close()
    }
  })

  it('browser-tenant: logout deletes the credential from the keychain and the 0600 file alike', async () => {
    const k = await keyring(work)
    try {
      const env: Record<string, string> = { ...k.env, TENANTCLI_HOME: join(k.env.HOME as string, '.tenantcli') }
      const { DBUS_SESSION_BUS_ADDRESS: _, ...noBus } = env
      const tool = cli['browser-tenant'] as string
      const args = ['auth', 'login', '--api-url', server.issuer, '--token-stdin']
      expect((await run(tool, args, noBus, server.mintPat({ login: 'old', scopes: ['api:read'] }))).stderr).toMatch(/saved in the file/)
      expect((await run(tool, args, env, server.mintPat({ login: 'old', scopes: ['api:read'] }))).stderr).toMatch(/saved in the keychain/)
      const logout = await run(tool, ['auth', 'logout', '--api-url', server.issuer], env)
      expect(logout.stderr).toBe(`Logged out of ${server.issuer} (deleted from: keychain, file)\n`)
      expect((await run(tool, ['whoami', '--api-url', server.issuer], noBus)).code).toBe(4)
    } finally {
      await k.close()
    }
  })

  it('profiles-encrypted: the client secret from the keyring (auth set-secret) and from `secret-tool lookup`; the token kept in the keychain', async () => {
    const k = await keyring(work)
    try {
      const env = { ...k.env, PROFCLI_HOME: join(k.env.HOME as string, '.profcli') }
      const tool = cli['profiles-encrypted'] as string
      const secret = server.clients.confidential.clientSecret
      const create = ['auth', 'create', 'ring', '--flow', 'client-credential', '--host', server.issuer, '--client-id', 'authcli-confidential']
      expect((await run(tool, create, env)).stderr).toContain('client secret from the keyring')
      expect((await run(tool, ['auth', 'login'], env)).stderr).toContain('error[LOGIN_REQUIRED]: no client secret for profile ring in the keyring')
      expect(await run(tool, ['auth', 'set-secret', 'ring'], env, `${secret}\n`)).toMatchObject({ code: 0, stderr: 'Saved the client secret of profile ring in the keyring\n' })
      const login = await run(tool, ['auth', 'login'], env)
      expect(login).toMatchObject({ code: 0, stderr: 'Logged in as authcli-confidential (profile ring; stored in the keychain)\n' })

      const stored = spawnSync('secret-tool', ['store', '--label', 'vault', 'service', 'vault', 'account', 'ci'], { env, input: secret })
      expect(stored.status).toBe(0)
      await run(
        tool,
        ['auth', 'create', 'vault', '--flow', 'client-credential', '--host', server.issuer, '--client-id', 'authcli-confidential', '--secret-command', 'secret-tool lookup service vault account ci'],
        env,
      )
      server.resetCounters()
      const viaCommand = await run(tool, ['auth', 'login', '--profile', 'vault'], env)
      expect(viaCommand.code, viaCommand.stderr).toBe(0)
      expect(server.counters()['client_credentials']).toBe(1)
      for (const out of [login, viaCommand]) expect(`${out.stdout}${out.stderr}`).not.toContain(secret)
    } finally {
      await k.close()
    }
  })
})
