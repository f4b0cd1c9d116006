// Fuzzing the browser flow's two inputs an attacker can write to: the callback on the loopback
// listener (any web page can make the browser hit it) and the paste-back line. Random lines and
// queries, with and without the right state, hostile error, error_description, iss and code
// values. The parsers never throw; a response without this login's state never ends the login;
// the login ends only in a sane credential or a documented AuthError, in time, with no code in
// any message; what reaches the terminal is safe; the page never reflects markup.
import { request } from 'node:http'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { closedPort } from '@auth/dev-server/testing'
import { ENOUGH_RUNS, assertNoSecret, assertSaneCredential, assertTerminalSafe, fc, fuzzParams, fuzzTimeout, jsonResponse, nastyString, routeFetch, settle } from '@auth/testing/fuzz'
import { createPkceFlow } from '../src/index.js'
import { parsePasted } from '../src/_paste.js'
import { launchTarget } from './_launch-target.js'

const ISSUER = 'http://127.0.0.1:9'
const CODE = 'CANARYauthorization-code-0123456789'
const ACCESS = 'CANARYpkce-access-token-0123456789'
const MARKUP = '<script>alert(1)</script>'

const fetch = routeFetch((url) => {
  if (url.pathname === '/.well-known/openid-configuration') {
    return jsonResponse({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, userinfo_endpoint: `${ISSUER}/me`, code_challenge_methods_supported: ['S256'] })
  }
  if (url.pathname === '/token') return jsonResponse({ access_token: ACCESS, token_type: 'Bearer', expires_in: 3600, scope: 'api:read' })
  if (url.pathname === '/me') return jsonResponse({ sub: 'u1', preferred_username: 'alice' })
  return jsonResponse({ error: 'not_found' }, 404)
})

/** Query parameters an attacker (or a broken server) might send, `state` right or wrong. */
function hostileParams(state: string): fc.Arbitrary<Array<[string, string]>> {
  const value = fc.oneof(nastyString(40), fc.constantFrom(MARKUP, '', 'access_denied', 'invalid_request', ISSUER, 'https://evil.example'))
  const pair = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('code', 'error', 'error_description', 'iss', 'error_uri'), value) },
    { weight: 1, arbitrary: fc.tuple(nastyString(10), value) },
  )
  const stateParam = fc.oneof({ weight: 3, arbitrary: fc.constant(state) }, { weight: 1, arbitrary: fc.constantFrom('', `${state}x`, state.slice(1)) }, { weight: 1, arbitrary: nastyString(20) })
  return fc.tuple(fc.array(pair, { maxLength: 5 }), fc.option(stateParam, { nil: undefined })).map(([pairs, s]) => (s === undefined ? pairs : [...pairs, ['state', s]]))
}

const query = (pairs: Array<[string, string]>) => new URLSearchParams(pairs.map(([k, v]): [string, string] => [k.replace(/[\ud800-\udfff]/g, ''), v.replace(/[\ud800-\udfff]/g, '')])).toString()

function outputs() {
  const terminal: string[] = []
  const logged: string[] = []
  return {
    terminal,
    logged,
    ctx: { output: { info: (l: string) => terminal.push(l), warn: (l: string) => terminal.push(l) } },
    logger: { debug: (l: string) => logged.push(l), info: (l: string) => logged.push(l), warn: (l: string) => logged.push(l), error: (l: string) => logged.push(l) },
  }
}

function checkOutputs(terminal: string[], logged: string[], code: string): void {
  for (const t of terminal) {
    assertTerminalSafe(t, 'terminal output', true)
    assertNoSecret(t, [code, ACCESS], 'terminal output')
  }
  for (const l of logged) assertNoSecret(l, [code, ACCESS], 'log line')
}

/** A GET to the listener; resolves the status and page (or an error text when the connection fails). */
function hit(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method, timeout: 2_000 }, (res) => {
      let body = ''
      const location = res.headers.location
      res
        .setEncoding('utf8')
        .on('data', (d: string) => void (body += d))
        .on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(location !== undefined && { location }) }))
    })
    req.on('error', (e) => resolve({ status: 0, body: String(e) }))
    req.on('timeout', () => req.destroy())
    req.end()
  })
}

describe("fuzz: the browser flow's callback and paste-back", () => {
  it('parsePasted never throws; a bare code is printable ASCII without "="', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString(200), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('http://[::1', 'http://127.0.0.1:8765/callback#code=x', 'x'.repeat(2049))), (line) => {
        const parsed = parsePasted(line)
        if (parsed?.bare) expect(parsed.params.get('code')).toMatch(/^[\x21-\x7e]{1,2048}$/)
      }),
      fuzzParams(1000),
    )
  })

  it(
    "paste-back: hostile lines, then a hostile or right redirect: a sane credential only for this login's state, else a documented error",
    async () => {
      const seen = { ok: 0, error: 0 }
      await fc.assert(
        fc.asyncProperty(
          fc.array(nastyString(60), { maxLength: 3 }),
          fc.string({ minLength: 1, maxLength: 1 }),
          fc.constantFrom('url', 'query', 'bare'),
          fc.boolean(),
          async (noise, _s, form, right) => {
            const { terminal, logged, ctx, logger } = outputs()
            const input = new PassThrough()
            const flow = createPkceFlow({
              issuer: ISSUER,
              clientId: 'cli',
              scopes: ['api:read'],
              browser: false,
              input,
              fetch,
              logger,
              allowInsecure: true,
              timeoutMs: 1_500,
              profileUrl: `${ISSUER}/me`,
            })
            const login = settle(() => flow.login(ctx), { timeoutMs: 5_000, secrets: [CODE, ACCESS] })
            let state = ''
            for (let i = 0; i < 100 && state === ''; i++) {
              const url = terminal.join('\n').match(/https?:\/\/\S+/)?.[0]
              if (url) state = new URL(url).searchParams.get('state') ?? ''
              else await new Promise((r) => setTimeout(r, 5))
            }
            expect(state).not.toBe('')
            const params = fc.sample(hostileParams(state), { numRuns: 1, seed: noise.length + (right ? 1 : 0) })[0] ?? []
            const pairs: Array<[string, string]> = right
              ? [
                  ['code', CODE],
                  ['state', state],
                ]
              : params
            const line = form === 'bare' ? (right ? CODE : (params[0]?.[1] ?? 'x')) : form === 'query' ? query(pairs) : `http://127.0.0.1:8765/callback?${query(pairs)}`
            input.write(`${noise.map((n) => n.replace(/\n/g, ' ')).join('\n')}\n${line}\n`)
            input.end()
            const result = await login
            seen[result.ok ? 'ok' : 'error']++
            if (result.ok) {
              assertSaneCredential(result.value)
              // Only this login's response (its state), or a bare code the user typed (no state to check: PKCE binds it), logs in.
              const bareLine = [...noise, line].some((l) => parsePasted(l.trim())?.bare === true)
              expect(bareLine || pairs.some(([k, v]) => k === 'state' && v === state)).toBe(true)
            }
            checkOutputs(terminal, logged, CODE)
          },
        ),
        fuzzParams(120),
      )
      if (ENOUGH_RUNS) expect(seen.ok).toBeGreaterThan(0)
      if (ENOUGH_RUNS) expect(seen.error).toBeGreaterThan(0)
    },
    fuzzTimeout(120, 200),
  )

  it(
    'the loopback listener: hostile callbacks never end the login unless they carry its state; pages never reflect markup',
    async () => {
      const seen = { ok: 0, error: 0 }
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS'), fc.constantFrom('/callback', '/', '/favicon.ico', '/callback/../x', `/${MARKUP}`)), { maxLength: 3 }),
          fc.nat(1000),
          async (junk, seed) => {
            const { terminal, logged, ctx, logger } = outputs()
            let authUrl = ''
            const port = await closedPort()
            const flow = createPkceFlow({
              issuer: ISSUER,
              clientId: 'cli',
              scopes: ['api:read'],
              port,
              fetch,
              logger,
              allowInsecure: true,
              timeoutMs: 1_500,
              profileUrl: `${ISSUER}/me`,
              openBrowser: async (url) => ((authUrl = launchTarget(url)), true),
            })
            const login = settle(() => flow.login(ctx), { timeoutMs: 5_000, secrets: [CODE, ACCESS] })
            for (let i = 0; i < 200 && authUrl === ''; i++) await new Promise((r) => setTimeout(r, 5))
            expect(authUrl).not.toBe('')
            const state = new URL(authUrl).searchParams.get('state') ?? ''
            for (const [method, path] of junk) {
              const page = await hit(port, path, method)
              expect(page.body).not.toContain(MARKUP)
            }
            const pairs = fc.sample(hostileParams(state), { numRuns: 1, seed })[0] ?? []
            const page = await hit(port, `/callback?${query(pairs)}`)
            expect(page.body).not.toContain(MARKUP)
            expect(page.body).not.toContain(CODE)
            if (page.location !== undefined) {
              const next = await hit(port, new URL(page.location, `http://127.0.0.1:${port}`).pathname)
              expect(next.body).not.toContain(MARKUP)
            }
            const stateMatches = pairs.some(([k, v]) => k === 'state' && v === state) && pairs.filter(([k]) => k === 'state').length === 1
            if (!stateMatches) {
              // Not this login's response: it keeps waiting; the real one still logs in.
              const real = await hit(port, `/callback?${new URLSearchParams({ code: CODE, state })}`)
              // The browser follows the redirect to the result page.
              const done = real.location === undefined ? real : await hit(port, new URL(real.location, `http://127.0.0.1:${port}`).pathname)
              expect(real.body + (real.location ?? '') + done.body).not.toContain(CODE)
            }
            const result = await login
            seen[result.ok ? 'ok' : 'error']++
            if (result.ok) assertSaneCredential(result.value)
            if (!stateMatches) expect(result.ok, result.ok ? '' : result.error.message).toBe(true)
            checkOutputs(terminal, logged, CODE)
          },
        ),
        fuzzParams(80),
      )
      if (ENOUGH_RUNS) expect(seen.ok).toBeGreaterThan(0)
    },
    fuzzTimeout(80, 200),
  )
})
