// The browser flow in authcli: its flags, the default flow choice, and end to end (the BUILT
// binary against the dev server) the paste-back mode with the pasted value on stdin, Ctrl-C,
// a taken port range and the time limit. The real browser is in pkce-browser.test.ts.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { globalsOf } from '../src/_testing.js'
import { browserCanOpen, chooseFlow } from '../src/commands/auth-login.js'
import { parseAuthLoginOptions } from '../src/commands/auth-login-options.js'
import { e2eSuite } from './_e2e-suite.js'
import { baseEnv, BIN, freeRange, isFree, ok, run, type RunResult } from './_run.js'

const parse = (opts: Record<string, unknown>) => parseAuthLoginOptions({ args: [], opts: { qr: true, scope: [], browser: true, ...opts }, globals: globalsOf() })

describe('auth login flags of the browser flow', () => {
  it('--web and --no-browser choose the PKCE flow, with or without a browser', () => {
    expect(parse({ web: true })).toMatchObject({ flow: 'pkce', browser: true })
    expect(parse({ browser: false })).toMatchObject({ flow: 'pkce', browser: false })
    expect(parse({ web: true, browser: false })).toMatchObject({ flow: 'pkce', browser: false })
  })

  it('--port, --port-range, --resource (repeatable)', () => {
    expect(parse({ web: true, port: '8800' })).toMatchObject({ port: 8800 })
    expect(parse({ web: true, portRange: '9000-9004' })).toMatchObject({ portRange: [9000, 9004] })
    expect(parse({ web: true, resource: ['https://api.example.com', 'urn:example:x'] })).toMatchObject({ resources: ['https://api.example.com', 'urn:example:x'] })
  })

  it.each([
    [{ web: true, device: true }, /--device and --web cannot be used together/],
    [{ browser: false, device: true }, /--device and --no-browser cannot be used together/],
    [{ web: true, port: '0' }, /--port must be a port number/],
    [{ web: true, port: 'abc' }, /--port must be a port number/],
    [{ web: true, portRange: '9005-9000' }, /--port-range must be FIRST-LAST/],
    [{ web: true, portRange: '9000' }, /--port-range must be FIRST-LAST/],
    [{ web: true, port: '9000', portRange: '9000-9001' }, /--port and --port-range cannot be used together/],
    [{ device: true, port: '9000' }, /--port applies to the browser flow only/],
    [{ web: true, resource: 'not a uri' }, /--resource must be an absolute URI/],
    [{ web: true, resource: 'https://api.example.com/#x' }, /--resource must be an absolute URI without a fragment/],
  ])('%j is a usage error', (opts, message) => {
    expect(() => parse(opts)).toThrowError(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2, message: expect.stringMatching(message) }))
  })
})

describe('the default flow', () => {
  const tty = { stdin: { isTTY: true, [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }, err: { isTTY: true } }
  const at = (env: Record<string, string>) => ({ ...tty, env }) as never
  const none = { scopes: [], qr: true, insecure: false }

  it('the browser flow where a browser can open: a display on Linux, macOS, Windows', () => {
    expect(chooseFlow(none, {}, at({ DISPLAY: ':0' }), 'linux')).toBe('pkce')
    expect(chooseFlow(none, {}, at({ WAYLAND_DISPLAY: 'wayland-0' }), 'linux')).toBe('pkce')
    expect(chooseFlow(none, {}, at({}), 'darwin')).toBe('pkce')
    expect(chooseFlow(none, {}, at({}), 'win32')).toBe('pkce')
  })

  it('the device flow without a display or over SSH', () => {
    expect(chooseFlow(none, {}, at({}), 'linux')).toBe('device')
    expect(chooseFlow(none, {}, at({ DISPLAY: ':0', SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22' }), 'linux')).toBe('device')
    expect(chooseFlow(none, {}, at({ SSH_TTY: '/dev/pts/1' }), 'darwin')).toBe('device')
  })

  it("the profile's flow (flyte authType: Pkce) wins over the guess; a flag wins over both", () => {
    expect(chooseFlow(none, { flow: 'pkce' }, at({ SSH_TTY: '/dev/pts/1' }), 'linux')).toBe('pkce')
    expect(chooseFlow(none, { flow: 'device' }, at({ DISPLAY: ':0' }), 'linux')).toBe('device')
    expect(chooseFlow({ ...none, flow: 'device' }, { flow: 'pkce' }, at({ DISPLAY: ':0' }), 'linux')).toBe('device')
  })

  it('browserCanOpen matches the rule', () => {
    expect(browserCanOpen({ DISPLAY: ':1' }, 'freebsd')).toBe(true)
    expect(browserCanOpen({ DISPLAY: '' }, 'linux')).toBe(false)
  })
})

const e2e = e2eSuite('pkce-cli')

const env = () => baseEnv(e2e.home, e2e.configDir, { AUTHCLI_STORE: 'file', BROWSER: '/bin/false' })

/** `authcli ARGS` with stdin kept open: the test writes to it once the URL is on stderr. */
function interactive(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk))
  const timer = setTimeout(() => child.kill(), 20_000)
  const done = new Promise<RunResult>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: 0 })
    }),
  )
  return {
    child,
    done,
    stderr: () => stderr,
    async url(): Promise<string> {
      for (let i = 0; i < 400; i++) {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(stderr)
        if (match?.[1]) return match[1]
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      throw new Error(`no URL on stderr: ${stderr}`)
    },
  }
}

async function everythingWritten(): Promise<string> {
  if (!existsSync(e2e.configDir)) return ''
  const names = await readdir(e2e.configDir, { recursive: true, withFileTypes: true })
  return (await Promise.all(names.filter((n) => n.isFile()).map((n) => readFile(join(n.parentPath, n.name), 'utf8')))).join('\n')
}

describe('authcli auth login --no-browser (paste-back on stdin)', () => {
  it('the whole redirect URL: logged in, auth token works; the code is never printed nor written', async () => {
    const login = interactive(['auth', 'login', '--no-browser', '--host', e2e.server.issuer, '--client-id', 'authcli'])
    const url = await login.url()
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('http://127.0.0.1:8765/callback')
    const redirect = await e2e.server.authorize(url)
    const code = new URL(redirect).searchParams.get('code') ?? ''
    login.child.stdin.write(`${redirect}\n`)
    const result = ok(await login.done)
    expect(result.stderr).toContain(`Logged in to ${e2e.server.issuer} as alice (store: file)`)
    expect(result.stdout + result.stderr).not.toContain(code)
    expect(await everythingWritten()).not.toContain(code)
    const token = ok(await run(env(), ['auth', 'token'])).stdout.trim()
    expect((await fetch(`${e2e.server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  })

  it('only the code, with --port for the redirect URI', async () => {
    const login = interactive(['auth', 'login', '--no-browser', '--port', '8766', '--host', e2e.server.issuer, '--client-id', 'authcli'])
    const url = await login.url()
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('http://127.0.0.1:8766/callback')
    const code = new URL(await e2e.server.authorize(url, { login: 'carol' })).searchParams.get('code')
    login.child.stdin.end(`${code}\n`)
    const result = ok(await login.done)
    expect(result.stderr).toContain('as carol')
  })

  it('stdin ends before anything was pasted: exit 4 with a clear message', async () => {
    const result = await run(env(), ['auth', 'login', '--no-browser', '--host', e2e.server.issuer, '--client-id', 'authcli'], '')
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/error\[LOGIN_REQUIRED\]: no-browser login: the input ended before a redirect URL or code was pasted/)
    // The package's hint (it names its "input" option) is worded in authcli's flags.
    expect(result.stderr).toContain('hint: run `authcli auth login --no-browser` at a terminal, or pipe the redirect URL into it; without a terminal use --device\n')
  })

  it('access denied (the redirect URL carries error=access_denied): exit 4', async () => {
    const login = interactive(['auth', 'login', '--no-browser', '--host', e2e.server.issuer, '--client-id', 'authcli'])
    login.child.stdin.write(`${await e2e.server.authorize(await login.url(), { deny: true })}\n`)
    const result = await login.done
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/error\[ACCESS_DENIED\]: the authorization was denied/)
  })
})

describe('authcli auth login --web: the listener', () => {
  it('Ctrl-C while waiting: exit 130, the port is free, nothing stored', async () => {
    const first = await freeRange(1)
    const login = interactive(['auth', 'login', '--web', '--port', String(first), '--host', e2e.server.issuer, '--client-id', 'authcli'])
    await login.url()
    expect(await isFree(first)).toBe(false)
    login.child.kill('SIGINT')
    const result = await login.done
    expect(result.code).toBe(130)
    expect(await isFree(first)).toBe(true)
    expect(existsSync(join(e2e.configDir, 'credentials'))).toBe(false)
  })

  it('--timeout: exit 4 LOGIN_TIMEOUT, the port is free', async () => {
    const first = await freeRange(1)
    const login = interactive(['auth', 'login', '--web', '--port', String(first), '--timeout', '0.5', '--host', e2e.server.issuer, '--client-id', 'authcli'])
    const result = await login.done
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/error\[LOGIN_TIMEOUT\]/)
    expect(await isFree(first)).toBe(true)
  })

  it('every port of --port-range taken: exit 5 CALLBACK_PORT_BUSY naming the range, the hint in authcli flags', async () => {
    const first = await freeRange(2)
    const taken: Server[] = []
    for (const port of [first, first + 1]) {
      const s = createServer()
      await new Promise<void>((resolve) => s.listen({ host: '127.0.0.1', port }, resolve))
      taken.push(s)
    }
    try {
      const result = await run(env(), ['auth', 'login', '--web', '--port-range', `${first}-${first + 1}`, '--host', e2e.server.issuer, '--client-id', 'authcli'])
      expect(result.code).toBe(5)
      expect(result.stderr).toContain(`error[CALLBACK_PORT_BUSY]: no callback port available: every port of 127.0.0.1:${first}-${first + 1} is in use\n`)
      expect(result.stderr).toContain('hint: try --port-range 9000-9010, --port N, or --device\n')
      expect(result.stderr).not.toContain('@auth/flow-pkce')
    } finally {
      await Promise.all(taken.map((s) => new Promise((resolve) => s.close(resolve))))
    }
  })
})
