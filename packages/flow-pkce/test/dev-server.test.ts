// The browser flow against the real dev server (oidc-provider); the "browser" is the dev server's
// HTTP walk through its sign-in (and consent) pages, then a fetch of the loopback redirect.
import { createServer as createNetServer, connect, type Server as NetServer, type Socket } from 'node:net'
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PassThrough } from 'node:stream'
import { ErrorCode, type LoginContext } from '@auth/core'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { expectNoLeak, rawLogger, startTinyServer } from '@auth/dev-server/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authFailure } from '@auth/testing/errors'
import { createPkceFlow, type PkceFlowOptions } from '../src/index.js'
import { launchTarget } from './_launch-target.js'

let server: DevServer
beforeAll(async () => {
  server = await startDevServer({ port: 0 })
})
afterAll(() => server?.close())

/** A login context that records what the flow shows. */
function context(extra: Partial<LoginContext> = {}) {
  const info: string[] = []
  const warn: string[] = []
  const ctx: LoginContext = { output: { info: (line) => info.push(line), warn: (line) => warn.push(line) }, ...extra }
  return { ctx, info, warn }
}

/** Flow options for the dev server's native client; the "browser" is `browser(url)`. */
function options(browser: (url: string) => Promise<unknown>, extra: Partial<PkceFlowOptions> = {}): PkceFlowOptions {
  return {
    issuer: server.issuer,
    clientId: server.clients.native.clientId,
    port: 0,
    input: null,
    openBrowser: async (url) => {
      void browser(launchTarget(url)).catch(() => {})
      return true
    },
    ...extra,
  }
}

/** The user signs in and the browser follows the redirect to the listener (and on to the success page). */
async function approve(url: string): Promise<Response> {
  const redirect = await server.authorize(url)
  return fetch(redirect)
}

function redirectUriOf(url: string): URL {
  return new URL(new URL(url).searchParams.get('redirect_uri') ?? '')
}

/** Whether a port on 127.0.0.1 is free (a listener can bind it). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer()
    probe.once('error', () => resolve(false))
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

describe('browser mode against the dev server', () => {
  it('logs in: code + verifier exchanged, ID token checked, account from userinfo, success page shown', async () => {
    let page: Promise<string> | undefined
    let redirectUri: URL | undefined
    const flow = createPkceFlow(
      options(async (url) => {
        redirectUri = redirectUriOf(url)
        const response = approve(url)
        page = response.then((r) => r.text())
        return response
      }),
    )
    const { ctx, info } = context()
    const credential = await flow.login(ctx)
    expect(credential).toMatchObject({ flow: 'pkce', tokenType: 'Bearer', issuer: server.issuer, clientId: 'authcli', account: { login: 'alice', email: 'alice@example.test', id: 'alice' } })
    expect(credential.refreshToken).toBeTypeOf('string')
    expect(credential.idToken).toBeTypeOf('string')
    expect(redirectUri?.hostname).toBe('127.0.0.1')
    expect(redirectUri?.pathname).toBe('/callback')
    expect(await page).toContain('Logged in. You can close this tab and return to the terminal.')
    expect(info.join('\n')).toContain(`${server.issuer}/auth?`)
    expect(await isFree(Number(redirectUri?.port))).toBe(true)
  })

  it('the authorization URL asks for S256, state, nonce, resources and extra parameters; never the verifier', async () => {
    let seen: URL | undefined
    const flow = createPkceFlow(
      options(
        async (url) => {
          seen = new URL(url)
          return approve(url)
        },
        { scopes: ['openid', 'offline_access', 'api:read'], authorizationParams: { prompt: 'consent', login_hint: 'alice' } },
      ),
    )
    const credential = await flow.login(context().ctx)
    const params = seen?.searchParams
    expect(params?.get('code_challenge_method')).toBe('S256')
    expect(params?.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(params?.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect(params?.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect(params?.get('prompt')).toBe('consent')
    expect(params?.get('login_hint')).toBe('alice')
    expect(params?.has('code_verifier')).toBe(false)
    expect(credential.scopes).toContain('offline_access')
  })

  it('refresh (with narrower scopes) and revoke work on the credential', async () => {
    const flow = createPkceFlow(options(approve, { scopes: ['openid', 'profile', 'offline_access', 'api:read'], authorizationParams: { prompt: 'consent' } }))
    const credential = await flow.login(context().ctx)
    const renewed = await flow.refresh!(credential, {}, { scopes: ['openid', 'api:read'] })
    expect(renewed.accessToken).not.toBe(credential.accessToken)
    expect(renewed.refreshToken).not.toBe(credential.refreshToken)
    expect(renewed.scopes).toEqual(['openid', 'api:read'])
    expect(renewed.account.login).toBe('alice')
    server.resetCounters()
    await flow.revoke!(renewed, {})
    expect(server.counters().revocation).toBe(2)
    const error = await authFailure(flow.refresh!(renewed, {}))
    expect(error.code).toBe(ErrorCode.INVALID_GRANT)
  })

  it('a wrong state gets an error page and the login goes on, then succeeds with the right one', async () => {
    let wrong: Response | undefined
    const flow = createPkceFlow(
      options(async (url) => {
        const redirect = new URL(await server.authorize(url))
        const forged = new URL(redirect)
        forged.searchParams.set('state', 'not-the-state')
        wrong = await fetch(forged)
        await wrong.text()
        return fetch(redirect)
      }),
    )
    const { ctx, warn } = context()
    const credential = await flow.login(ctx)
    expect(credential.account.login).toBe('alice')
    expect(wrong?.status).toBe(400)
    expect(warn.join('\n')).toMatch(/state does not match/)
  })

  it('error=access_denied ends the login: exit 4, the description escaped in the page and sanitised in the terminal', async () => {
    let page: Promise<string> | undefined
    const flow = createPkceFlow(
      options(async (url) => {
        const redirect = new URL(redirectUriOf(url))
        redirect.searchParams.set('state', new URL(url).searchParams.get('state') ?? '')
        redirect.searchParams.set('iss', server.issuer)
        redirect.searchParams.set('error', 'access_denied')
        redirect.searchParams.set('error_description', 'no <script>alert(1)</script> \u001b[31mred\u001b[0m')
        page = fetch(redirect).then((r) => r.text())
      }),
    )
    const error = await authFailure(flow.login(context().ctx))
    expect(error.code).toBe(ErrorCode.ACCESS_DENIED)
    expect(error.exitCode).toBe(4)
    expect(error.message).not.toContain('\u001b')
    expect(error.message).toContain('alert(1)')
    expect(await page).toContain('&#60;script&#62;')
    expect(await page).not.toContain('<script>')
  })

  it('the real deny from the sign-in page is access_denied too', async () => {
    const flow = createPkceFlow(options(async (url) => fetch(await server.authorize(url, { deny: true }))))
    expect((await authFailure(flow.login(context().ctx))).code).toBe(ErrorCode.ACCESS_DENIED)
  })

  it('a response of this login without a code ends it as a bad response', async () => {
    const flow = createPkceFlow(
      options(async (url) => {
        const redirect = redirectUriOf(url)
        redirect.searchParams.set('state', new URL(url).searchParams.get('state') ?? '')
        redirect.searchParams.set('iss', server.issuer)
        return fetch(redirect)
      }),
    )
    const error = await authFailure(flow.login(context().ctx))
    expect(error.code).toBe(ErrorCode.BAD_RESPONSE)
  })

  it('a wrong iss ends the login (RFC 9207)', async () => {
    const flow = createPkceFlow(
      options(async (url) => {
        const redirect = new URL(await server.authorize(url))
        redirect.searchParams.set('iss', 'https://evil.example')
        return fetch(redirect)
      }),
    )
    const error = await authFailure(flow.login(context().ctx))
    expect(error.code).toBe(ErrorCode.BAD_RESPONSE)
    expect(error.message).toMatch(/RFC 9207/)
  })

  it('a second callback after success does not change the result', async () => {
    let second: number | string | undefined
    const flow = createPkceFlow(
      options(async (url) => {
        const redirect = await server.authorize(url)
        await (await fetch(redirect)).text()
        second = await fetch(redirect).then(
          (r) => r.status,
          (e: unknown) => String(e),
        )
        return undefined
      }),
    )
    const credential = await flow.login(context().ctx)
    expect(credential.account.login).toBe('alice')
    expect(second === 409 || typeof second === 'string').toBe(true)
  })

  it('anything but GET /callback is a 404 and the login goes on', async () => {
    const statuses: number[] = []
    const flow = createPkceFlow(
      options(async (url) => {
        const base = redirectUriOf(url)
        statuses.push((await fetch(new URL('/favicon.ico', base))).status)
        statuses.push((await fetch(base, { method: 'POST', body: 'code=x' })).status)
        return approve(url)
      }),
    )
    await flow.login(context().ctx)
    expect(statuses).toEqual([404, 404])
  })

  it('a pre-connected idle socket does not keep the listener open', async () => {
    let idle: Socket | undefined
    let closed = false
    const flow = createPkceFlow(
      options(async (url) => {
        idle = connect({ host: '127.0.0.1', port: Number(redirectUriOf(url).port) })
        idle.on('close', () => void (closed = true)).on('error', () => {})
        await new Promise((resolve) => idle?.once('connect', resolve))
        return approve(url)
      }),
    )
    const started = Date.now()
    await flow.login(context().ctx)
    expect(Date.now() - started).toBeLessThan(5000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(true)
  })

  it('the listener is bound to 127.0.0.1 only', async () => {
    let port = 0
    let other: string | undefined
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address)
    const flow = createPkceFlow(
      options(async (url) => {
        port = Number(redirectUriOf(url).port)
        if (existsSync('/proc/net/tcp')) {
          const hex = port.toString(16).toUpperCase().padStart(4, '0')
          const rows = readFileSync('/proc/net/tcp', 'utf8')
            .split('\n')
            .filter((row) => row.includes(`:${hex} 00000000:0000 0A`))
          other = rows.map((row) => row.trim().split(/\s+/)[1]).join(',')
        }
        for (const address of others) {
          const refused = await new Promise<boolean>((resolve) => {
            const socket = connect({ host: address, port })
              .once('connect', () => resolve(false))
              .once('error', () => resolve(true))
            socket.setTimeout(1000, () => resolve(true))
          })
          if (!refused) other = `reachable on ${address}`
        }
        return approve(url)
      }),
    )
    await flow.login(context().ctx)
    if (existsSync('/proc/net/tcp')) expect(other).toBe(`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`)
  })

  it('a fully taken port range: CALLBACK_PORT_BUSY (exit 5) "no callback port available" naming the range, with its hint key', async () => {
    const taken: NetServer[] = []
    const first = await freeRange(3)
    for (let port = first; port < first + 3; port++) {
      const s = createNetServer()
      await new Promise<void>((resolve) => s.listen({ host: '127.0.0.1', port }, resolve))
      taken.push(s)
    }
    try {
      let opened = false
      const flow = createPkceFlow(options(async () => (opened = true), { port: undefined, portRange: [first, first + 2] }))
      const error = await authFailure(flow.login(context().ctx))
      expect(error).toMatchObject({ code: 'CALLBACK_PORT_BUSY', exitCode: 5, hintKey: 'callback-port-busy' })
      expect(error.message).toContain('no callback port available')
      expect(error.message).toContain(`${first}-${first + 2}`)
      expect(opened).toBe(false)
    } finally {
      await Promise.all(taken.map((s) => new Promise((resolve) => s.close(resolve))))
    }
  })

  it('the first free port of the range is used', async () => {
    const first = await freeRange(3)
    const blocker = createNetServer()
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: first }, resolve))
    try {
      let port = 0
      const flow = createPkceFlow(
        options(
          async (url) => {
            port = Number(redirectUriOf(url).port)
            return approve(url)
          },
          { port: undefined, portRange: [first, first + 2] },
        ),
      )
      await flow.login(context().ctx)
      expect(port).toBe(first + 1)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('timeout: LOGIN_TIMEOUT exit 4, the listener closed, nothing returned', async () => {
    let port = 0
    const flow = createPkceFlow(options(async (url) => void (port = Number(redirectUriOf(url).port)), { timeoutMs: 300 }))
    const error = await authFailure(flow.login(context().ctx))
    expect(error.code).toBe(ErrorCode.LOGIN_TIMEOUT)
    expect(error.exitCode).toBe(4)
    expect(await isFree(port)).toBe(true)
  })

  it('abort (Ctrl-C): CancelledError exit 130 and the port is free afterwards', async () => {
    let port = 0
    const controller = new AbortController()
    const flow = createPkceFlow(
      options(async (url) => {
        port = Number(redirectUriOf(url).port)
        setTimeout(() => controller.abort(), 50)
      }),
    )
    const error = await authFailure(flow.login(context({ signal: controller.signal }).ctx))
    expect(error.code).toBe(ErrorCode.CANCELLED)
    expect(error.exitCode).toBe(130)
    expect(await isFree(port)).toBe(true)
  })

  it('the verifier and the code are never printed, logged or passed to the opener', async () => {
    const secrets: string[] = []
    const recording: typeof fetch = async (input, init) => {
      const body = init?.body instanceof URLSearchParams ? init.body : undefined
      for (const name of ['code_verifier', 'code']) {
        const value = body?.get(name)
        if (value) secrets.push(value)
      }
      return fetch(input, init)
    }
    const opened: string[] = []
    const logger = rawLogger()
    const flow = createPkceFlow(
      options(
        async (url) => {
          opened.push(url)
          return approve(url)
        },
        { fetch: recording, logger },
      ),
    )
    const { ctx, info, warn } = context()
    await flow.login(ctx)
    expect(secrets).toHaveLength(2)
    const everything = [...info, ...warn, ...logger.lines, ...opened].join('\n')
    for (const secret of secrets) expectNoLeak(everything, secret)
  })
})

describe('the launch page (issue 15, finding 1: nothing in the opener argv another user could use)', () => {
  /** Runs a login whose "browser" records what it got, then `then(target)`; returns that and the outcome. */
  async function launch(dir: string, then: (target: string, controller: AbortController) => Promise<unknown>, via: 'option' | 'context' = 'option') {
    const got: { url: string; file: number; folder: number; target: string }[] = []
    const controller = new AbortController()
    const flow = createPkceFlow(
      options(async () => undefined, {
        ...(via === 'option' && { dir }),
        timeoutMs: 3_000,
        openBrowser: async (url) => {
          const path = fileURLToPath(url)
          got.push({ url, file: statSync(path).mode & 0o777, folder: statSync(dirname(path)).mode & 0o777, target: launchTarget(url) })
          void then(launchTarget(url), controller).catch(() => {})
          return true
        },
      }),
    )
    const { ctx } = context({ signal: controller.signal })
    const outcome = await flow.login(via === 'context' ? { ...ctx, dir } : ctx).then(
      (credential) => ({ credential }),
      (error: unknown) => ({ error }),
    )
    return { got: got[0], outcome }
  }

  it.each([
    ['success', (target: string) => approve(target)],
    ['an error at the callback', (target: string) => fetch(`${redirectUriOf(target).href}?error=access_denied&state=${new URL(target).searchParams.get('state')}`)],
    ['abort', async (_: string, controller: AbortController) => controller.abort()],
    ['timeout', async () => undefined],
  ] as const)('the opener gets a file:// page, 0600 in a fresh 0700 folder under dir, removed at the end (%s)', async (_, then) => {
    const dir = mkdtempSync(join(tmpdir(), 'pkce-dir-'))
    try {
      const { got, outcome } = await launch(join(dir, 'app'), then as (target: string, controller: AbortController) => Promise<unknown>)
      expect(got?.url).toMatch(/^file:\/\/\/.*\/app\/\.login-[^/]+\/login\.html$/)
      expect(got?.url).not.toMatch(/state|challenge|redirect_uri/)
      expect(got?.file).toBe(0o600)
      expect(got?.folder).toBe(0o700)
      expect(new URL(got?.target ?? '').searchParams.get('code_challenge_method')).toBe('S256')
      expect(statSync(join(dir, 'app')).mode & 0o777).toBe(0o700)
      expect(readdirSync(join(dir, 'app'))).toEqual([])
      expect('credential' in outcome).toBe(_ === 'success')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("without a dir option, the page goes under the login context's dir (a createAuth session passes its own), not the temp folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkce-dir-'))
    try {
      const { got, outcome } = await launch(join(dir, 'product'), (target) => approve(target), 'context')
      expect(got?.url).toMatch(/^file:\/\/\/.*\/product\/\.login-[^/]+\/login\.html$/)
      expect('credential' in outcome).toBe(true)
      // Only the discovery metadata @auth/oidc keeps there (issue 20) is left: the page is gone.
      expect(readdirSync(join(dir, 'product')).filter((name) => name !== '.cache')).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a dir another user may change: nothing is opened, the printed URL is the way (never argv)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkce-dir-'))
    chmodSync(dir, 0o777)
    try {
      let opened = 0
      const flow = createPkceFlow(options(async () => opened++, { dir, timeoutMs: 500 }))
      const { ctx, info, warn } = context()
      const error = await authFailure(flow.login(ctx))
      expect(error.code).toBe(ErrorCode.LOGIN_TIMEOUT)
      expect(opened).toBe(0)
      expect(info.join('\n')).toContain('code_challenge=')
      expect(warn.join('\n')).toContain(`Could not open a browser (no private page for the browser could be written in ${dir} (EUNSAFE)).`)
      // What to do instead, in the package's own words (no product hints in this context).
      expect(info.join('\n')).toContain('Else: forward the port from the machine with the browser (ssh -L ')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('paste-back', () => {
  it('no-browser mode: the whole redirect URL pasted on the input', async () => {
    const input = new PassThrough()
    const flow = createPkceFlow(options(async () => undefined, { browser: false, port: 8765, input }))
    const { ctx, info } = context()
    const login = flow.login(ctx)
    const url = await urlPrinted(info)
    expect(redirectUriOf(url).href).toBe('http://127.0.0.1:8765/callback')
    input.write(`  ${await server.authorize(url)}  \n`)
    const credential = await login
    expect(credential.account.login).toBe('alice')
  })

  it('no-browser mode: only the code, after a foreign URL and some noise', async () => {
    const input = new PassThrough()
    const flow = createPkceFlow(options(async () => undefined, { browser: false, input }))
    const { ctx, info, warn } = context()
    const login = flow.login(ctx)
    const url = await urlPrinted(info)
    const redirect = new URL(await server.authorize(url))
    const foreign = new URL(redirect)
    foreign.searchParams.set('state', 'other')
    input.write(`hello world\n${foreign.href}\n${redirect.searchParams.get('code')}\n`)
    expect((await login).account.login).toBe('alice')
    expect(warn.join('\n')).toMatch(/neither a redirect URL nor a code/)
    expect(warn.join('\n')).toMatch(/another login attempt/)
  })

  it('no-browser mode: the prompter of an interactive context is used', async () => {
    let pasted: string | undefined
    const prompts: string[] = []
    const flow = createPkceFlow(options(async () => undefined, { browser: false, input: null }))
    const { ctx, info } = context({
      interactive: true,
      prompter: {
        text: async (message) => {
          prompts.push(message)
          pasted ??= await server.authorize(await urlPrinted(info))
          return pasted
        },
        confirm: async () => true,
      },
    })
    expect((await flow.login(ctx)).account.login).toBe('alice')
    expect(prompts[0]).toMatch(/Paste the redirect URL/)
  })

  it('no-browser mode: a clear error when nothing can be read, or the input ends', async () => {
    const none = createPkceFlow(options(async () => undefined, { browser: false, input: null }))
    const error = await authFailure(none.login(context().ctx))
    expect(error.code).toBe(ErrorCode.LOGIN_REQUIRED)
    expect(error.message).toMatch(/nowhere to read/)
    const input = new PassThrough()
    input.end('')
    const ended = createPkceFlow(options(async () => undefined, { browser: false, input }))
    expect((await authFailure(ended.login(context().ctx))).message).toMatch(/input ended/)
  })

  it('browser mode: a redirect URL pasted in the terminal wins over the listener', async () => {
    const input = new PassThrough()
    const flow = createPkceFlow(
      options(
        async (url) => {
          input.write(`${await server.authorize(url)}\n`)
        },
        { input },
      ),
    )
    expect((await flow.login(context().ctx)).account.login).toBe('alice')
  })
})

describe('the server', () => {
  it('a server whose metadata lists code_challenge_methods_supported without S256 is refused', async () => {
    const tiny = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ issuer: tiny.url, authorization_endpoint: `${tiny.url}/auth`, token_endpoint: `${tiny.url}/token`, code_challenge_methods_supported: ['plain'] }))
    })
    try {
      let opened = false
      const flow = createPkceFlow({ issuer: tiny.url, clientId: 'x', port: 0, input: null, openBrowser: async () => (opened = true) })
      const error = await authFailure(flow.login(context().ctx))
      expect(error.code).toBe(ErrorCode.CONFIG_ERROR)
      expect(error.message).toMatch(/does not support PKCE with S256/)
      expect(opened).toBe(false)
    } finally {
      await tiny.close()
    }
  })
})

/** The authorization URL the flow printed. */
async function urlPrinted(info: string[]): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(info.join('\n'))
    if (match?.[1]) return match[1]
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no URL printed: ${info.join('\n')}`)
}

/** `n` consecutive free ports on 127.0.0.1 (first of them). */
async function freeRange(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000)
    const free = await Promise.all(Array.from({ length: n }, (_, i) => isFree(first + i)))
    if (free.every(Boolean)) return first
  }
  throw new Error('no free port range')
}
