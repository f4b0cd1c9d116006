// Section `login`: browser login wall time, spawn to exit: `authcli auth login --web` against
// the dev server, alternating with a raw openid-client PKCE login (references/pkce-login.mjs)
// against the same server, the user being headless Chromium (playwright-core +
// /usr/bin/chromium) or, in a second row that needs no browser, the dev server's sign-in walk
// over HTTP. Both programs open the "browser" through $BROWSER, a script that hands us the URL.
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { CHROMIUM, CHROMIUM_ARGS } from '@auth/testing/chromium'
import { alternate, runsFor } from './measure.mjs'
import { missingModule } from './optional.mjs'
import { freeRange } from './ports.mjs'
import { heading, row, skip } from './report.mjs'

const SECTION = 'login'
const reference = fileURLToPath(new URL('references/pkce-login.mjs', import.meta.url))

export async function benchLogin({ root, cli }) {
  heading(SECTION, 'browser login (PKCE) against the dev server, spawn to exit')
  const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
  const server = await startDevServer({ port: 0 })
  const dir = mkdtempSync(join(tmpdir(), 'authcli-bench-login-'))
  const urls = join(dir, 'urls')
  const opener = join(dir, 'browser.sh')
  writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$1" > '${urls}.tmp' && mv '${urls}.tmp' '${urls}'\n`)
  chmodSync(opener, 0o755)
  let browser
  let logins = 0
  try {
    const users = [['HTTP walk', async (url) => void (await (await fetch(await server.authorize(url))).text())]]
    if (existsSync(CHROMIUM)) {
      try {
        browser = await launchChromium()
        users.unshift(['Chromium', (url) => signIn(browser, url)])
      } catch (error) {
        skip(SECTION, 'authcli auth login --web (Chromium)', `headless Chromium did not start: ${String(error?.message ?? error).split('\n')[0]}`)
      }
    } else skip(SECTION, 'authcli auth login --web (Chromium)', `${CHROMIUM} is missing (apt-get install -y chromium)`)
    /** One login from spawn to exit: `command()`'s argv run with $BROWSER = the opener, `user` signs in. */
    const login = (command, user) => async () => {
      rmSync(urls, { force: true })
      const argv = await command()
      const env = { PATH: process.env.PATH, HOME: dir, AUTHCLI_CONFIG_DIR: join(dir, `config-${++logins}`), AUTHCLI_STORE: 'file', BROWSER: opener, NO_COLOR: '1' }
      const t0 = performance.now()
      const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (c) => (stderr += c))
      const exited = new Promise((resolve) => child.on('close', resolve))
      try {
        const url = await handedUrl(urls, exited)
        if (url === '') throw new Error(`BROWSER was never called: ${stderr.slice(0, 500)}`)
        await user(url)
        const code = await exited
        if (code !== 0) throw new Error(`${argv.slice(1, 4).join(' ')} exited ${code}: ${stderr.slice(0, 500)}`)
        return performance.now() - t0
      } finally {
        // A login the user never finished (a failed sign-in) is ended here, not left waiting.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      }
    }
    // A free port range per login (not the default 8765-8769, which tests running beside us may hold);
    // the dev server matches loopback redirect ports loosely (RFC 8252 §7.3).
    const authcli = async () => {
      const first = await freeRange(3)
      return [process.execPath, cli, 'auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port-range', `${first}-${first + 2}`]
    }
    const raw = async () => [process.execPath, reference, server.issuer, 'authcli']
    for (const [name, user] of users) {
      const missing = missingModule('openid-client')
      if (missing) {
        skip(SECTION, `authcli auth login --web (${name})`, `its reference needs ${missing}`)
        continue
      }
      const m = await alternate(login(authcli, user), login(raw, user), { runs: runsFor('login') })
      row(SECTION, { name: `authcli auth login --web (${name})`, reference: `raw openid-client PKCE (${name})`, m })
    }
  } finally {
    await browser?.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Waits (polling every 2 ms, up to 10 s) for the URL the opener wrote; '' if the program exited first. */
async function handedUrl(file, exited) {
  let gone = false
  exited.then(() => (gone = true))
  for (let i = 0; i < 5000 && !gone; i++) {
    if (existsSync(file)) {
      const url = readFileSync(file, 'utf8').trim()
      // authcli hands the browser a private file:// launch page (issue 15) that sends it on.
      if (!url.startsWith('file:')) return url
      return (/content="0;url=([^"]+)"/.exec(readFileSync(fileURLToPath(url), 'utf8'))?.[1] ?? '').replaceAll('&#38;', '&').replaceAll('&amp;', '&')
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  return ''
}

async function launchChromium() {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] })
}

/** The user in Chromium: the dev server's sign-in page, then the loopback listener's /done page. */
async function signIn(browser, url) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.fill('input[name="login"]', 'alice')
    await page.fill('input[name="password"]', 'bench')
    await Promise.all([page.waitForURL(/\/done$/), page.click('button[type="submit"]')])
  } finally {
    await context.close()
  }
}
