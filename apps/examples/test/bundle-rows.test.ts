// The consumer programs of issue 20's bundle table (src/device-file.ts, src/client-credentials-file.ts,
// src/pkce-keychain.ts; src/pat-file.ts is run by examples.test.ts), bundled exactly as
// .size-limit.js and `npm run bench` measure them (esbuild, minified ESM, node20, the keychain addon
// external) and run as separate processes against the real dev server: login, token (accepted by
// the API), an API call, logout, and the token refused after it; the PKCE + keychain one also with
// a real gnome-keyring (skipped, loudly, without the tools). What is measured is what runs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyring, missingKeyringTools } from './_keyring.js'
import { bundleEntry, playBrowser, recordingBrowser, run, start } from './_product.js'

const PROGRAMS = ['device-file', 'client-credentials-file', 'pkce-keychain'] as const

const missing = missingKeyringTools()
if (missing.length > 0 && !process.env['CI']) process.stderr.write(`\n!!!!!!!! PKCE + KEYCHAIN ROW WITH A REAL KEYCHAIN SKIPPED: missing ${missing.join(', ')} !!!!!!!!\n\n`)

let server: DevServer
let work: string
let out: string | undefined
const bundles = {} as Record<(typeof PROGRAMS)[number], string>
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
  work = await mkdtemp(join(tmpdir(), 'auth-bundle-rows-'))
  // Inside the repository, so that a bundle finds the keychain addon (left external, as a product
  // ships it) in node_modules; removed after.
  out = await mkdtemp(join(import.meta.dirname, '..', '.bundles-'))
  for (const name of PROGRAMS) {
    bundles[name] = join(out, `${name}.mjs`)
    await bundleEntry(join(import.meta.dirname, '..', 'src', `${name}.ts`), bundles[name])
  }
}, 60_000)
afterAll(async () => {
  await server?.close()
  if (work) await rm(work, { recursive: true, force: true })
  if (out) await rm(out, { recursive: true, force: true })
})

/** A fresh HOME and product folder. */
async function sandbox(): Promise<Record<string, string>> {
  const home = await mkdtemp(join(work, 'home-'))
  return { HOME: home, MYCLI_DIR: join(home, '.mycli'), MYCLI_HOST: server.issuer }
}

/** `token` printed a token the API accepts (a real call to the dev server, not the product's). */
async function expectAccepted(token: string): Promise<void> {
  expect(token).toMatch(/^\S{16,}$/)
  const response = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
}

/** `token`, `me` and `logout` after a login, then `token` refused with LOGIN_REQUIRED. */
async function tokenMeLogout(name: (typeof PROGRAMS)[number], env: Record<string, string>, login: string): Promise<void> {
  const token = await run(bundles[name], ['token'], env)
  expect(token.code, token.stderr).toBe(0)
  await expectAccepted(token.stdout.trim())
  const me = await run(bundles[name], ['me'], env)
  expect(me.code, me.stderr).toBe(0)
  expect(JSON.parse(me.stdout)).toMatchObject({ login })
  const logout = await run(bundles[name], ['logout'], env)
  expect(logout.code, logout.stderr).toBe(0)
  const after = await run(bundles[name], ['token'], env)
  expect(after.code).toBe(4)
  expect(after.stdout).toBe('')
  expect(after.stderr).toMatch(/^error\[LOGIN_REQUIRED\]/)
}

describe('the bundle rows of issue 20, run as products', { timeout: 60_000 }, () => {
  it('core + flow-device + store-file: device login, token, me, logout (revoked)', async () => {
    const env = await sandbox()
    const login = start(bundles['device-file'], ['login'], env, null)
    // Not a terminal: the prompt goes to stderr, the user code on the line after "enter the code".
    await login.line(/and enter the code:/)
    await server.approveDevice((await login.line()).trim(), { login: 'dana' })
    const ran = await login.done
    expect(ran.code, ran.stderr).toBe(0)
    expect(ran.stderr).toMatch(/logged in as dana\n$/)
    await tokenMeLogout('device-file', env, 'dana')
  })

  it('core + flow-client-credentials + store-file: a grant with the secret from the environment, never stored', async () => {
    const { clientId, clientSecret } = server.clients.confidential
    const env: Record<string, string> = { ...(await sandbox()), MYCLI_CLIENT_ID: clientId, MYCLI_CLIENT_SECRET: clientSecret }
    const login = await run(bundles['client-credentials-file'], ['login'], env)
    expect(login.code, login.stderr).toBe(0)
    expect(login.stderr).toBe(`logged in as ${clientId}\n`)
    const { readFile, readdir } = await import('node:fs/promises')
    for (const file of await readdir(env.MYCLI_DIR as string, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) expect(await readFile(join(file.parentPath, file.name), 'utf8')).not.toContain(clientSecret)
    }
    await tokenMeLogout('client-credentials-file', env, clientId)
    // Without the secret, no grant: LOGIN_REQUIRED naming the variable, the secret nowhere.
    const bare = await run(bundles['client-credentials-file'], ['login'], { ...env, MYCLI_CLIENT_SECRET: '' })
    expect(bare.code).toBe(4)
    expect(bare.stderr).toMatch(/^error\[LOGIN_REQUIRED\].*MYCLI_CLIENT_SECRET/)
    expect((await run(bundles['client-credentials-file'], ['token'], env)).code).toBe(4)
  })

  it('core + flow-pkce + store-keychain + store-file: browser login (no keychain here: the file, said out loud), token, me, logout', async () => {
    const env = await sandbox()
    const login = start(bundles['pkce-keychain'], ['login'], { ...env, BROWSER: await recordingBrowser(env.HOME as string) }, null)
    const { url, redirect } = await playBrowser(env.HOME as string, server, 'tess')
    const ran = await login.done
    expect(ran.code, ran.stderr).toBe(0)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(redirect.hostname).toBe('127.0.0.1')
    expect(ran.stderr).toMatch(/warning: credentials saved in plain text in .*credentials; /)
    expect(ran.stderr).toMatch(/logged in as tess\n$/)
    await tokenMeLogout('pkce-keychain', env, 'tess')
  })
})

describe.runIf(missing.length === 0 || !!process.env['CI'])('core + flow-pkce + store-keychain + store-file with a real keychain (gnome-keyring)', { timeout: 60_000 }, () => {
  it('the credential lands in the keychain, no plain-text file; token, me; logout removes it', async () => {
    const k = await keyring(work)
    try {
      const env: Record<string, string> = { ...k.env, MYCLI_DIR: join(k.env.HOME as string, '.mycli'), MYCLI_HOST: server.issuer }
      const login = start(bundles['pkce-keychain'], ['login'], { ...env, BROWSER: await recordingBrowser(env.HOME as string) }, null)
      await playBrowser(env.HOME as string, server, 'kay')
      const ran = await login.done
      expect(ran.code, ran.stderr).toBe(0)
      expect(ran.stderr).toMatch(/logged in as kay\n$/)
      expect(ran.stderr).not.toMatch(/plain text|warning/)
      expect(existsSync(join(env.MYCLI_DIR as string, 'credentials'))).toBe(false)
      const found = spawnSync('secret-tool', ['search', '--all', 'service', 'mycli'], { env, encoding: 'utf8' })
      expect(`${found.stdout}${found.stderr}`).toContain(server.issuer)
      await tokenMeLogout('pkce-keychain', env, 'kay')
      const after = spawnSync('secret-tool', ['search', '--all', 'service', 'mycli'], { env, encoding: 'utf8' })
      expect(`${after.stdout}${after.stderr}`).not.toContain(server.issuer)
    } finally {
      await k.close()
    }
  })
})
