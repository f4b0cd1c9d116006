// End-to-end: `authcli auth login --web` (the BUILT binary) against the real dev server, the
// browser being a real headless Chromium driven by playwright-core: BROWSER is a small script
// that writes the URL it is given to a file; the test opens it in Chromium, signs in (and
// consents when asked), and sees the success page. Then `auth token`, refresh and logout.
// Chromium is Debian's (/usr/bin/chromium; `npm test` installs it). Without it the tests are
// skipped locally and FAIL in CI (CI set), so a missing browser is never a silent pass.
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, baseEnv, run, runAsync, type RunResult } from './_run.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/test.mjs installs it)`)

/** The Chromium flags of FACTS.md: headless, no network but loopback, a fresh profile. */
function chromiumArgs(): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ]
}

let server: DevServer
let browser: Browser
let dir: string

beforeAll(async () => {
  if (!hasChromium) return
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build -w @auth/cli' (npm test does it)`)
  dir = await mkdtemp(join(tmpdir(), 'authcli-e2e-pkce-'))
  ;[server, browser] = await Promise.all([
    startDevServer({ port: 0 }),
    // playwright gives every launch a fresh temporary profile (its own --user-data-dir).
    chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() }),
  ])
})
afterAll(async () => {
  await Promise.all([server?.close(), browser?.close()])
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A fresh HOME, config folder and BROWSER script that appends the URL to `urls`. */
async function sandbox(name: string) {
  const root = join(dir, name)
  const home = join(root, 'home')
  const configDir = join(root, 'config')
  await mkdir(home, { recursive: true })
  const urls = join(root, 'urls')
  const script = join(root, 'browser.sh')
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${urls}'\n`)
  await chmod(script, 0o755)
  const env = baseEnv(home, configDir, { AUTHCLI_STORE: 'file', BROWSER: script })
  return { env, configDir, urls, authcli: (args: string[], input?: string) => run(env, args, input) }
}

/** Waits for the BROWSER script to have been called; returns the URL it got. */
async function urlHandedOver(file: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(file)) {
      const text = (await readFile(file, 'utf8')).trim()
      if (text !== '') return text.split('\n')[0] as string
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('BROWSER was never called')
}

/** The user in Chromium: sign in (any password), consent when asked, land on the success page. */
async function signInWithChromium(url: string, login = 'alice'): Promise<{ text: string; finalUrl: string; code: string }> {
  const context = await browser.newContext()
  const page: Page = await context.newPage()
  let code = ''
  page.on('request', (request) => {
    const seen = new URL(request.url())
    if (seen.hostname === '127.0.0.1' && seen.pathname === '/callback') code = seen.searchParams.get('code') ?? code
  })
  try {
    await page.goto(url)
    for (let step = 0; step < 4; step++) {
      if (await page.locator('input[name="login"]').count()) {
        await page.fill('input[name="login"]', login)
        await page.fill('input[name="password"]', 'dev-password')
        await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')])
      } else if (await page.locator('input[name="prompt"][value="consent"]').count()) {
        await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')])
      } else break
    }
    await page.waitForSelector('text=Logged in', { timeout: 10_000 })
    return { text: await page.innerText('body'), finalUrl: page.url(), code }
  } finally {
    await context.close()
  }
}

function ok(result: RunResult): RunResult {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0)
  return result
}

/** The first of `n` consecutive free ports on 127.0.0.1. */
async function freeRange(n: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = createServer()
      probe.once('error', () => resolve(false))
      probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)))
    })
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000)
    if ((await Promise.all(Array.from({ length: n }, (_, i) => isFree(first + i)))).every(Boolean)) return first
  }
  throw new Error('no free port range')
}

async function filesUnder(path: string): Promise<string> {
  if (!existsSync(path)) return ''
  const names = await readdir(path, { recursive: true, withFileTypes: true })
  const texts = await Promise.all(names.filter((n) => n.isFile()).map((n) => readFile(join(n.parentPath, n.name), 'utf8')))
  return texts.join('\n')
}

describe.skipIf(!hasChromium)('authcli auth login --web in headless Chromium', () => {
  it('logs in through the sign-in page; the credential is stored; auth token, refresh and logout work', async () => {
    const box = await sandbox('web')
    const first = await freeRange(3)
    const started = performance.now()
    const running = runAsync(box.env, ['auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port-range', `${first}-${first + 2}`, '--json'])
    const url = await urlHandedOver(box.urls)
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${first}/callback`)
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256')
    const page = await signInWithChromium(url)
    const login = ok(await running.done)
    const wallMs = performance.now() - started
    expect(page.text).toContain('Logged in. You can close this tab and return to the terminal.')
    expect(page.finalUrl).toBe(`http://127.0.0.1:${first}/done`)
    expect(JSON.parse(login.stdout)).toEqual({ host: server.issuer, account: 'alice', flow: 'pkce', store: 'file', profile: 'default' })
    expect(login.stderr).toContain(url)
    console.info(`pkce login wall time (authcli + Chromium): ${wallMs.toFixed(0)} ms`)

    const token = ok(await box.authcli(['auth', 'token'])).stdout.trim()
    expect((await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    const stored = JSON.stringify(JSON.parse(await readFile(join(box.configDir, 'credentials'), 'utf8')))
    expect(stored).toContain('"flow":"pkce"')
    // The code is neither printed nor written; the verifier (unknown here) is not stored under any name.
    expect(page.code).toMatch(/^[\w-]{20,}$/)
    expect(login.stdout + login.stderr).not.toContain(page.code)
    expect(await filesUnder(box.configDir)).not.toContain(page.code)
    expect(await filesUnder(box.configDir)).not.toMatch(/verifier/i)

    ok(await box.authcli(['auth', 'refresh']))
    const renewed = ok(await box.authcli(['auth', 'token'])).stdout.trim()
    expect(renewed).not.toBe(token)
    server.resetCounters()
    ok(await box.authcli(['auth', 'logout']))
    expect(server.counters().revocation ?? 0).toBeGreaterThan(0)
    expect((await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${renewed}` } })).status).toBe(401)
    expect((await box.authcli(['auth', 'token'])).code).toBe(4)
  })

  it('without a flow flag, a profile with flow = "pkce" logs in with the browser flow', async () => {
    const box = await sandbox('default')
    const first = await freeRange(1)
    // No terminal here, so the profile's flow decides.
    await mkdir(box.configDir, { recursive: true })
    await writeFile(join(box.configDir, 'config.toml'), `active_profile = "dev"\n[profiles.dev]\nhost = "${server.issuer}"\nclient_id = "authcli"\nflow = "pkce"\n`, { mode: 0o600 })
    const running = runAsync(box.env, ['auth', 'login', '--port', String(first)])
    await signInWithChromium(await urlHandedOver(box.urls), 'bob')
    const login = ok(await running.done)
    expect(login.stderr).toContain(`Logged in to ${server.issuer} as bob`)
  })
})
