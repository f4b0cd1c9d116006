// End-to-end: `authcli auth login|token|logout|status --url` and `authcli mcp proxy` (the BUILT
// binary) against an MCP server built with the official SDK behind bearer auth, whose
// authorization server is the real dev server (RFC 9728 metadata, RFC 8707 resource indicators,
// RFC 7591 registration), the user being a real headless Chromium and the MCP client the SDK's
// own `Client` over `StdioClientTransport`. What the official conformance suite does not test:
// one refresh for ten clients, the stores, one browser tab for concurrent logins, headless
// logins, state/iss mismatches, hostile authorization endpoints. Chromium is Debian's; without
// it the tests are skipped locally and FAIL in CI.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMcpServer, type McpTestServer } from '@auth/dev-server/mcp'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, launchChromium } from './_chromium.js'
import { BIN, freeRange, ok, requireBuilt, runAsync } from './_run.js'
import { authorizationUrlOf, handedOver, makeBox, type Box } from './_browser-box.js'
import { approveDeviceInBrowser, filesContaining, filesUnder, proxyClient, signIn, waitUntil, whoami } from './_mcp.js'

const hasChromium = existsSync(CHROMIUM)
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/test.mjs installs it)`)
const HAS_KEYRING = ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)
const RAW_KEY = Buffer.alloc(32, 9).toString('base64')

let server: McpTestServer
let browser: Browser
let dir: string
let boxes = 0

beforeAll(async () => {
  if (!hasChromium) return
  requireBuilt()
  dir = await mkdtemp(join(tmpdir(), 'authcli-e2e-mcp-'))
  // A 30 s access token is always inside the 60 s skew: every use wants a refresh; refreshed ones live an hour.
  ;[server, browser] = await Promise.all([startMcpServer({ accessTokenTtl: 30, refreshedAccessTokenTtl: 3600, clockTolerance: 0 }), launchChromium()])
})
afterAll(async () => {
  await Promise.all([server?.close(), browser?.close()])
  if (dir) await rm(dir, { recursive: true, force: true })
})

const box = (extra: Record<string, string> = {}) => makeBox(join(dir, `box-${++boxes}`), extra)

/** `auth login --url` with the browser flow, the user signing in in Chromium. */
async function browserLogin(b: Box, url = server.url, extra: string[] = []) {
  const first = await freeRange(3)
  const running = runAsync(b.env, ['auth', 'login', '--url', url, '--port-range', `${first}-${first + 2}`, '--json', ...extra])
  const before = (await b.opened()).length
  const handed = await handedOver(b, before + 1)
  const authorization = new URL(await authorizationUrlOf(handed))
  await signIn(browser, handed)
  return { ...JSON.parse(ok(await running.done).stdout), handed, authorization }
}

describe.skipIf(!hasChromium)('authcli auth login --url against an MCP server', { timeout: 90_000 }, () => {
  it('discovers, registers once, logs in in the browser; token, status, logout (then token exits 4)', async () => {
    const b = await box()
    server.resetCounters()
    const login = await browserLogin(b)
    expect(login).toMatchObject({ resource: server.url, issuer: server.issuer, flow: 'pkce', store: 'file', client: { source: 'dynamic' } })
    expect(server.authorizationServer.counters().registration).toBe(1)
    // The authorization URL never reaches the opener's argv: it gets a private launch page.
    expect(login.handed).toMatch(/^file:/)
    const authorization: URL = login.authorization
    expect(authorization.searchParams.get('resource')).toBe(server.url)
    expect(authorization.searchParams.get('state')).toMatch(/\S{16,}/)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')

    const token = ok(await b.authcli(['auth', 'token', '--url', server.url])).stdout.trim()
    const answer = await fetch(server.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    expect(answer.status).toBe(200)

    const status = JSON.parse(ok(await b.authcli(['auth', 'status', '--json'])).stdout)
    expect(status.resources).toEqual([expect.objectContaining({ resource: server.url, issuer: server.issuer, flow: 'pkce', store: 'file', valid: true })])
    expect(JSON.stringify(status)).not.toContain(token)
    const text = ok(await b.authcli(['auth', 'status'])).stdout
    expect(text).toContain(`${server.url} (resource)`)

    // A second login to the same issuer reuses the registered client.
    await browserLogin(b)
    expect(server.authorizationServer.counters().registration).toBe(1)

    const out = JSON.parse(ok(await b.authcli(['auth', 'logout', '--url', server.url, '--json'])).stdout)
    expect(out.loggedOut).toEqual([expect.objectContaining({ host: server.url, account: server.issuer, stores: ['file'] })])
    const after = await b.authcli(['auth', 'token', '--url', server.url])
    expect(after.code).toBe(4)
    expect(after.stderr).toMatch(/^error\[LOGIN_REQUIRED\]: not logged in to /)
    expect(after.stderr).toContain(`auth login --url ${server.url}`)
  })

  it.each([
    ['--no-browser', true],
    ['--no-browser, headless (no display, no BROWSER)', false],
  ])('%s: prints the real authorization URL and reads the pasted redirect from stdin', async (_name, withBrowser) => {
    const b = await box()
    const { BROWSER: _browser, ...headless } = b.env
    const env = withBrowser ? b.env : headless
    const child = spawn(process.execPath, [BIN, 'auth', 'login', '--url', server.url, '--no-browser', '--json'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    let stdout = ''
    child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
    child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    await waitUntil(() => /http:\/\/127\.0\.0\.1:\d+\/\S*authorize?\S*/.test(stderr) || /https?:\/\/\S+[?&]code_challenge=/.test(stderr), 15_000)
    const url = /(https?:\/\/\S+[?&]code_challenge=\S+)/.exec(stderr)?.[1] ?? ''
    expect(new URL(url).searchParams.get('resource')).toBe(server.url)
    const { callback } = await signIn(browser, url, { waitForDone: false })
    child.stdin.end(`${callback}\n`)
    const code = await exited
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ resource: server.url, flow: 'pkce' })
    expect(await b.opened()).toEqual([])
  })
})

describe.skipIf(!hasChromium)('headless (no display, no BROWSER): the device flow, where the server has one', { timeout: 90_000 }, () => {
  it('auth login --url prints a device code on stderr and logs in once it is approved', async () => {
    const b = await box()
    const { BROWSER: _browser, ...env } = b.env
    const child = spawn(process.execPath, [BIN, 'auth', 'login', '--url', server.url, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let stdout = ''
    child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
    child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    await approveDeviceInBrowser(browser, await deviceUrlOf(() => stderr))
    expect(await exited, stderr).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ resource: server.url, issuer: server.issuer, flow: 'device' })
    expect(await b.opened()).toEqual([])
    const token = ok(await b.authcli(['auth', 'token', '--url', server.url])).stdout.trim()
    expect(token).toMatch(/^ey/)
  })

  it('mcp proxy: the device code on stderr (stdout stays JSON-RPC), one login, then the tools answer', async () => {
    const b = await box()
    const { BROWSER: _browser, ...env } = b.env
    let stderr = ''
    const connecting = proxyClient({ env }, server.url, [], (text) => void (stderr = text))
    await approveDeviceInBrowser(browser, await deviceUrlOf(() => stderr))
    const proxy = await connecting
    try {
      expect((await whoami(proxy.client)).sub).toBe('dana')
    } finally {
      await proxy.close()
    }
    expect(await b.opened()).toEqual([])
  })
})

describe.skipIf(!hasChromium)('headless, and the server has no device flow', { timeout: 90_000 }, () => {
  it('mcp proxy prints the authorization URL on stderr and takes the redirect on its loopback port', async () => {
    const noDevice = await startMcpServer({ tamper: { metadata: { grant_types_supported: ['authorization_code', 'refresh_token'] } } })
    try {
      const b = await box()
      const { BROWSER: _browser, ...env } = b.env
      let stderr = ''
      const connecting = proxyClient({ env }, noDevice.url, [], (text) => void (stderr = text))
      let url = ''
      await waitUntil(() => {
        url = /(http:\/\/127\.0\.0\.1:\d+\/\S*[?&]code_challenge=\S+)/.exec(stderr)?.[1] ?? ''
        return url !== ''
      }, 20_000)
      expect(new URL(url).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
      await signIn(browser, url)
      const proxy = await connecting
      try {
        expect((await whoami(proxy.client)).sub).toBe('alice')
      } finally {
        await proxy.close()
      }
      expect(noDevice.authorizationServer.counters().device_authorization ?? 0).toBe(0)
      expect(await b.opened()).toEqual([])
    } finally {
      await noDevice.close()
    }
  })
})

/** The verification URL with the code filled in that a device login printed on stderr. */
async function deviceUrlOf(stderr: () => string): Promise<string> {
  let url = ''
  await waitUntil(() => {
    url = /(http:\/\/127\.0\.0\.1:\d+\/device\?user_code=[A-Z0-9-]+)/.exec(stderr())?.[1] ?? ''
    return url !== ''
  }, 20_000)
  return url
}

describe.skipIf(!hasChromium)('authcli mcp proxy driven by the MCP SDK Client over stdio', { timeout: 90_000 }, () => {
  it('three proxies at once with no login: one browser tab, one login, all three call tools', async () => {
    const b = await box()
    server.resetCounters()
    const clients = Promise.all([0, 1, 2].map(() => proxyClient(b, server.url)))
    await signIn(browser, await handedOver(b))
    const connected = await clients
    try {
      const who = await Promise.all(connected.map((c) => whoami(c.client)))
      expect(new Set(who.map((w) => w.sub))).toEqual(new Set(['alice']))
      const tools = await connected[0]?.client.listTools()
      expect(tools?.tools.map((t) => t.name).sort()).toEqual(['add-note', 'whoami'])
    } finally {
      await Promise.all(connected.map((c) => c.close()))
    }
    expect(await b.opened()).toHaveLength(1)
    expect(server.authorizationServer.counters().registration).toBe(1)
    expect(server.authorizationServer.counters().authorization).toBe(1)
  })

  it('ten MCP clients with an expired token: exactly one refresh request, all succeed, no browser', async () => {
    const b = await box()
    await browserLogin(b)
    server.resetCounters()
    const connected = await Promise.all(Array.from({ length: 10 }, () => proxyClient(b, server.url)))
    try {
      const who = await Promise.all(connected.map((c) => whoami(c.client)))
      expect(who.map((w) => w.sub)).toEqual(Array(10).fill('alice'))
    } finally {
      await Promise.all(connected.map((c) => c.close()))
    }
    expect(server.refreshCount()).toBe(1)
    expect(server.counters().unauthorized ?? 0).toBe(0)
    // Never a browser while a refresh token exists: the one tab is the login's.
    expect(await b.opened()).toHaveLength(1)
  })
})

describe.skipIf(!hasChromium)('where the token lives', { timeout: 90_000 }, () => {
  it('file store: only in the 0600 credentials file, never in a per-version file; no secret in --debug output', async () => {
    const b = await box()
    const login = await browserLogin(b, server.url, ['--debug'])
    const token = ok(await b.authcli(['auth', 'token', '--url', server.url])).stdout.trim()
    expect(await filesContaining(b.root, token)).toEqual(['config/credentials'])
    const stored = await readFile(join(b.configDir, 'credentials'), 'utf8')
    const refresh = /"refreshToken":\s*"([^"]+)"/.exec(stored)?.[1] ?? ''
    expect(refresh.length).toBeGreaterThan(10)
    expect(((await stat(join(b.configDir, 'credentials'))).mode & 0o777).toString(8)).toBe('600')
    const debug = [
      JSON.stringify(login),
      (await b.authcli(['auth', 'token', '--url', server.url, '--debug'])).stderr,
      (await b.authcli(['auth', 'status', '--debug'])).stdout,
      (await b.authcli(['auth', 'status', '--json', '--debug'])).stdout,
    ]
    const proxy = await proxyClient(b, server.url, ['--debug'])
    await whoami(proxy.client)
    await proxy.close()
    debug.push(proxy.stderr())
    expect(proxy.stderr()).toContain(`POST ${server.url}`)
    // Raw: under --debug, stdout holds JSON-RPC lines and nothing else.
    const raw = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ]
    const relayed = ok(await b.authcli(['mcp', 'proxy', server.url, '--debug'], raw.map((m) => `${JSON.stringify(m)}\n`).join('')))
    const lines = relayed.stdout.split('\n').filter(Boolean)
    expect(lines.map((line) => JSON.parse(line)).map((m) => [m.jsonrpc, m.id, 'result' in m])).toEqual([
      ['2.0', 1, true],
      ['2.0', 2, true],
    ])
    expect(relayed.stderr).toContain(`POST ${server.url}`)
    debug.push(relayed.stderr, relayed.stdout)
    for (const text of debug) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(refresh)
    }
  })

  it('encrypted store: in no file in plain text', async () => {
    const b = await box({ AUTHCLI_STORE: 'encrypted', AUTHCLI_ENCRYPTION_KEY: RAW_KEY })
    const login = await browserLogin(b)
    expect(login.store).toBe('encrypted')
    const token = ok(await b.authcli(['auth', 'token', '--url', server.url])).stdout.trim()
    expect(await filesContaining(b.root, token)).toEqual([])
    expect(await filesUnder(b.configDir)).toContain('credentials.enc')
  })

  it.skipIf(!HAS_KEYRING)('keychain (Secret Service under dbus-run-session): in no file at all', async () => {
    const b = await box()
    const first = await freeRange(3)
    const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`
    const authcli = (args: string[]) => `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} < /dev/null`
    const script = [
      'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      `${authcli(['auth', 'login', '--url', server.url, '--port-range', `${first}-${first + 2}`, '--json'])} 2>/dev/null; echo "@@login $?"`,
      `echo "@@token $(${authcli(['auth', 'token', '--url', server.url])} 2>/dev/null)"`,
      `${authcli(['auth', 'status', '--json'])} 2>/dev/null`,
    ].join('\n')
    const { AUTHCLI_STORE: _file, ...env } = b.env
    const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env: { ...env, AUTHCLI_STORE: 'keychain' }, stdio: ['ignore', 'pipe', 'ignore'] })
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => void (text += c))
    const closed = new Promise((resolve) => child.on('close', resolve))
    await signIn(browser, await handedOver(b))
    await closed
    expect(text).toContain('@@login 0')
    const token = /@@token (\S+)/.exec(text)?.[1] ?? ''
    expect(token).toMatch(/^ey/)
    expect(text).toContain('"store":"keychain"')
    expect(await filesContaining(b.root, token)).toEqual([])
  })
})

describe.skipIf(!hasChromium)('refusals', { timeout: 90_000 }, () => {
  for (const mode of ['wrong-state', 'wrong-iss', 'no-iss'] as const) {
    it(`${mode}: the login is refused after the redirect and nothing is stored`, async () => {
      const hostile = await startMcpServer({ hostile: mode })
      try {
        const b = await box()
        const first = await freeRange(3)
        const running = runAsync(b.env, ['auth', 'login', '--url', hostile.url, '--port-range', `${first}-${first + 2}`, '--timeout', '4'])
        await signIn(browser, await handedOver(b), { waitForDone: false }).catch(() => {})
        const result = await running.done
        expect(result.code, result.stderr).toBe(mode === 'wrong-state' ? 4 : 5)
        // A foreign state is ignored (it may be another login's, or a forgery) until the timeout; a wrong iss is refused at once.
        expect(result.stderr).toMatch(mode === 'wrong-state' ? /state does not match[\s\S]*^error\[LOGIN_TIMEOUT\]/m : /^error\[BAD_RESPONSE\]: the authorization response .*(issuer|iss).*RFC 9207/m)
        expect(hostile.authorizationServer.counters().token ?? 0).toBe(0)
        expect((await b.authcli(['auth', 'token', '--url', hostile.url])).code).toBe(4)
      } finally {
        await hostile.close()
      }
    })
  }

  for (const mode of ['resource-mismatch', 'authorization-endpoint-scheme', 'authorization-endpoint-shell'] as const) {
    it(`${mode}: refused with error[CODE] before any registration or opener`, async () => {
      const hostile = await startMcpServer({ hostile: mode })
      try {
        const b = await box()
        const result = await b.authcli(['auth', 'login', '--url', hostile.url])
        expect([2, 4, 5]).toContain(result.code)
        expect(result.stderr).toMatch(/^error\[[A-Z_]+\]: /)
        expect(await b.opened()).toEqual([])
        expect(hostile.authorizationServer.counters().registration ?? 0).toBe(0)
        expect(hostile.authorizationServer.counters().authorization ?? 0).toBe(0)
      } finally {
        await hostile.close()
      }
    })
  }

  it('an authorization endpoint of shell metacharacters never reaches a process: no marker file appears', async () => {
    const b = await box()
    const marker = join(b.root, 'pwned')
    const evil = `http://127.0.0.1:9/authorize?x=$(touch$IFS${marker})&y=\`touch$IFS${marker}\`;touch$IFS${marker}|sh`
    const hostile = await startMcpServer({ tamper: { metadata: { authorization_endpoint: evil } } })
    try {
      for (const args of [
        ['auth', 'login', '--url', hostile.url],
        ['auth', 'login', '--url', hostile.url, '--no-browser'],
      ]) {
        const result = await b.authcli(args)
        expect([2, 4, 5]).toContain(result.code)
      }
      await expect(proxyClient(b, hostile.url)).rejects.toThrow()
      expect(existsSync(marker)).toBe(false)
      expect(await b.opened()).toEqual([])
      expect(hostile.authorizationServer.counters().registration ?? 0).toBe(0)
    } finally {
      await hostile.close()
    }
  })
})

describe.skipIf(!hasChromium)('two logins at once', { timeout: 90_000 }, () => {
  it('to one server: one browser tab, both succeed with the same login', async () => {
    const b = await box()
    const first = await freeRange(3)
    const args = ['auth', 'login', '--url', server.url, '--port-range', `${first}-${first + 2}`, '--json']
    const one = runAsync(b.env, args)
    const two = runAsync(b.env, args)
    await signIn(browser, await handedOver(b))
    const [r1, r2] = await Promise.all([one.done, two.done])
    ok(r1)
    ok(r2)
    expect(await b.opened()).toHaveLength(1)
  })

  it('to two servers: two ports, two tabs, no collision', async () => {
    const other = await startMcpServer({})
    try {
      const b = await box()
      const first = await freeRange(3)
      const one = runAsync(b.env, ['auth', 'login', '--url', server.url, '--port-range', `${first}-${first + 2}`])
      const two = runAsync(b.env, ['auth', 'login', '--url', other.url, '--port-range', `${first}-${first + 2}`])
      const handed = [await handedOver(b, 1), await handedOver(b, 2)]
      const ports = await Promise.all(handed.map(async (h) => new URL(new URL(await authorizationUrlOf(h)).searchParams.get('redirect_uri') ?? '').port))
      expect(new Set(ports).size).toBe(2)
      await Promise.all(handed.map((h) => signIn(browser, h)))
      ok(await one.done)
      ok(await two.done)
      const status = JSON.parse(ok(await b.authcli(['auth', 'status', '--json'])).stdout)
      expect(status.resources.map((r: { resource: string }) => r.resource).sort()).toEqual([server.url, other.url].sort())
      // logout --all forgets the resource logins too.
      const out = ok(await b.authcli(['auth', 'logout', '--all', '--json']))
      expect(JSON.parse(out.stdout).loggedOut.map((l: { host: string }) => l.host)).toEqual(expect.arrayContaining([server.url, other.url]))
      expect((await b.authcli(['auth', 'token', '--url', other.url])).code).toBe(4)
      expect(JSON.parse((await b.authcli(['auth', 'status', '--json'])).stdout).resources).toBeUndefined()
    } finally {
      await other.close()
    }
  })
})
