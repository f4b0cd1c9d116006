// End-to-end: `authcli auth login --web` (the BUILT binary) against the real dev server, the
// browser being a real headless Chromium driven by playwright-core: BROWSER is a small script
// that writes the URL it is given to a file; the test opens it in Chromium, signs in (and
// consents when asked), and sees the success page. Then `auth token`, refresh and logout.
// Chromium is Debian's (/usr/bin/chromium; `npm test` installs it). Without it the tests are
// skipped locally and FAIL in CI (CI set), so a missing browser is never a silent pass.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startDevServer, type DevServer } from '@auth/dev-server'
import type { Browser, Page } from 'playwright-core'
import { CHROMIUM, launchChromium } from './_chromium.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizationUrlOf, handedOver, makeBox } from './_browser-box.js'
import { freeRange, ok, requireBuilt, runAsync } from './_run.js'

const hasChromium = existsSync(CHROMIUM)
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/test.mjs installs it)`)

let server: DevServer
let browser: Browser
let dir: string

beforeAll(async () => {
  if (!hasChromium) return
  requireBuilt()
  dir = await mkdtemp(join(tmpdir(), 'authcli-e2e-pkce-'))
  ;[server, browser] = await Promise.all([
    startDevServer({ port: 0 }),
    // playwright gives every launch a fresh temporary profile (its own --user-data-dir).
    launchChromium(),
  ])
})
afterAll(async () => {
  await Promise.all([server?.close(), browser?.close()])
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A fresh HOME, config folder and BROWSER script that appends the URL to `urls`, under the suite's folder. */
const sandbox = (name: string) => makeBox(join(dir, name))

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
    if (url.startsWith('file:')) {
      // The private page sends the browser on at once (meta refresh, location.replace).
      await page.goto(url, { waitUntil: 'commit' }).catch(() => {})
      await page.waitForURL((u) => u.protocol === 'http:', { timeout: 10_000 })
      await page.waitForLoadState()
    } else await page.goto(url)
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

/** Every file's text under `path`, but V8's code cache of the CLI's own chunks (`.cache/*.v8`: a copy of the program, which names `code_verifier`). */
async function filesUnder(path: string): Promise<string> {
  if (!existsSync(path)) return ''
  const names = await readdir(path, { recursive: true, withFileTypes: true })
  const data = names.filter((n) => n.isFile() && !(n.name.endsWith('.v8') && n.parentPath === join(path, '.cache')))
  const texts = await Promise.all(data.map((n) => readFile(join(n.parentPath, n.name), 'utf8')))
  return texts.join('\n')
}

describe.skipIf(!hasChromium)('authcli auth login --web in headless Chromium', () => {
  it('logs in through the sign-in page; the credential is stored; auth token, refresh and logout work', async () => {
    const box = await sandbox('web')
    const first = await freeRange(3)
    const started = performance.now()
    const running = runAsync(box.env, ['auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port-range', `${first}-${first + 2}`, '--json'])
    const handed = await handedOver(box)
    const url = await authorizationUrlOf(handed)
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${first}/callback`)
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256')
    const page = await signInWithChromium(handed)
    const login = ok(await running.done)
    const wallMs = performance.now() - started
    // The page names the tool and the host (issue 18 item 15); the account is in the terminal.
    expect(page.text).toContain(`authcli is logged in to ${server.issuer}`)
    expect(page.text).toContain('The terminal shows the account. You can close this tab and return to it.')
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
    await signInWithChromium(await handedOver(box), 'bob')
    const login = ok(await running.done)
    expect(login.stderr).toContain(`Logged in to ${server.issuer} as bob`)
  })

  // Issue 15, finding 1: another local user reads every process's argv (/proc/PID/cmdline) and
  // every file it can, and races to the listener with any state it finds (error=access_denied
  // ends a login; a code of its own account would log the victim in as the attacker).
  it('another local user sees no state or challenge: the opener gets a private page (0600 in a 0700 folder), gone after the login', async () => {
    const box = await sandbox('attacker')
    const root = dirname(box.configDir)
    // A usual home: others may traverse it, so the private folder's own mode is what protects.
    for (const path of [dir, root]) await chmod(path, 0o755)
    const record = join(root, 'opener-record')
    // The victim's opener: records its argv, the page's and the folder's modes, then lingers
    // (as a real browser launcher does) so that its argv stays in /proc for the attacker.
    const opener = join(root, 'opener.sh')
    await writeFile(
      opener,
      `#!/bin/sh\n{ for a in "$@"; do printf 'arg %s\\n' "$a"; done\n  f="\${1#file://}"\n  if [ -f "$f" ]; then printf 'page %s\\nfile %s\\nfolder %s\\n' "$f" "$(stat -c %a "$f")" "$(stat -c %a "$(dirname "$f")")"; fi\n} > '${record}.tmp'\nmv '${record}.tmp' '${record}'\nprintf '%s\\n' "$1" >> '${box.urls}'\nsleep 2\n`,
    )
    await chmod(opener, 0o755)
    const spy = await startAttacker(root, box.configDir)
    try {
      const first = await freeRange(1)
      const running = runAsync({ ...box.env, BROWSER: opener }, ['auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port', String(first)])
      const handed = await handedOver(box)
      const seen = await readFile(record, 'utf8')
      // What any user sees of the opener: its argv. No state, no challenge, no authorization URL.
      expect(seen).not.toMatch(/state=|code_challenge|redirect_uri|nonce=/)
      expect(handed).toMatch(/^file:\/\/\/.*\.html$/)
      const pagePath = fileURLToPath(handed)
      expect(pagePath.startsWith(`${box.configDir}/`)).toBe(true)
      expect(seen).toContain('file 600\n')
      expect(seen).toContain('folder 700\n')
      // The victim's browser (Chromium) opens the page and ends at the loopback callback.
      const page = await signInWithChromium(handed)
      expect(page.finalUrl).toBe(`http://127.0.0.1:${first}/done`)
      const login = await running.done
      const found = await spy.stop()
      expect(found, 'what the attacker process found').toEqual([])
      expect(login.code, login.stderr).toBe(0)
      expect(login.stderr).toContain(`Logged in to ${server.issuer} as alice`)
      expect(existsSync(pagePath), 'the page is removed when the login ends').toBe(false)
      expect(existsSync(dirname(pagePath)), 'and its folder').toBe(false)
    } finally {
      await spy.stop()
    }
  })

  it('the page is removed when the login ends without a callback (timeout)', async () => {
    const box = await sandbox('page-timeout')
    const first = await freeRange(1)
    const running = runAsync(box.env, ['auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port', String(first), '--timeout', '2'])
    const handed = await handedOver(box)
    expect(handed).toMatch(/^file:/)
    expect(existsSync(fileURLToPath(handed))).toBe(true)
    const login = await running.done
    expect(login.code).toBe(4)
    expect(existsSync(dirname(fileURLToPath(handed)))).toBe(false)
  })
})

/** What the attacker process reports: one line per state it could read, and where. */
interface Finding {
  where: string
  state: string
}

/**
 * Another local user (`nobody` when the tests run as root, as here; else the same user, which
 * can read everything and so cannot play it: then only the argv is scanned). It scans every
 * process's argv and every file it can read under the config folder, and for every state it
 * finds sends `error=access_denied` with it to the redirect URI: a login it can end.
 */
async function startAttacker(root: string, configDir: string): Promise<{ stop: () => Promise<Finding[]> }> {
  const script = join(root, 'attacker.mjs')
  await writeFile(
    script,
    `import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
const [configDir, scanFiles] = process.argv.slice(2)
const tried = new Set()
function look(where, text) {
  for (const m of text.matchAll(/(https?:[^\\s"'<>]*[?&]state=([^&\\s"'<>]+)[^\\s"'<>]*)/g)) {
    const key = where + m[2]
    if (tried.has(key)) continue
    tried.add(key)
    process.stdout.write(JSON.stringify({ where, state: m[2] }) + '\\n')
    const redirect = new URL(m[1].replaceAll('&amp;', '&')).searchParams.get('redirect_uri')
    if (redirect) fetch(redirect + '?error=access_denied&state=' + m[2]).catch(() => {})
  }
}
function read(path) { try { return readFileSync(path, 'utf8') } catch { return '' } }
const small = new Map()
function readSmall(path) {
  // Binaries named in argv (node, chromium) are read once at most: the scan must stay fast.
  if (!small.has(path)) { try { small.set(path, statSync(path).size < 65536) } catch { small.set(path, true) } }
  return small.get(path) ? read(path) : ''
}
function walk(path, depth = 0) {
  let names = []
  try { names = readdirSync(path, { withFileTypes: true }) } catch { return }
  for (const n of names) {
    const full = join(path, n.name)
    if (n.isDirectory() && depth < 4) walk(full, depth + 1)
    else if (n.isFile()) look('file ' + full, readSmall(full))
  }
}
for (;;) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\\d+$/.test(pid) || pid === String(process.pid)) continue
    const argv = read('/proc/' + pid + '/cmdline').split('\\0')
    for (const arg of argv) {
      look('argv of pid ' + pid, arg)
      const path = arg.startsWith('file://') ? decodeURIComponent(arg.slice(7)) : arg
      if (scanFiles === '1' && path.startsWith('/') && path !== script()) look('file ' + path + ' (named in argv)', readSmall(path))
    }
  }
  if (scanFiles === '1') walk(configDir)
  await new Promise((r) => setTimeout(r, 10))
}
function script() { return process.argv[1] }
`,
  )
  await chmod(script, 0o644)
  const asOther = process.getuid?.() === 0
  const child = spawn(process.execPath, [script, configDir, asOther ? '1' : '0'], { stdio: ['ignore', 'pipe', 'pipe'], ...(asOther && { uid: 65534, gid: 65534 }) })
  let out = ''
  let errors = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (errors += chunk))
  const ended = new Promise<void>((resolve) => child.once('close', () => resolve()))
  let stopped: Promise<Finding[]> | undefined
  return {
    stop: () =>
      (stopped ??= (async () => {
        child.kill('SIGKILL')
        await ended
        // The attacker must have run (a crash would look like "found nothing").
        if (errors !== '') throw new Error(`the attacker process failed: ${errors}`)
        return out
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Finding)
      })()),
  }
}
