// Fuzzing every server answer the device flow reads: discovery, device authorization, the token
// endpoint (while polling and on refresh), userinfo, revocation. One endpoint at a time answers
// hostile bytes, JSON, wrong types, huge numbers and strings, control characters and lying
// lengths; the others answer well. Only a documented AuthError comes out, in time, with no device
// code, token or secret in it; what reaches the terminal (the prompt, info and warnings) is safe;
// a credential that comes back is safe to store and show.
import { describe, expect, it } from 'vitest'
import {
  ENOUGH_RUNS,
  assertNoSecret,
  assertSaneCredential,
  assertTerminalSafe,
  fc,
  fuzzParams,
  fuzzTimeout,
  hostileAnswer,
  hostileObject,
  jsonResponse,
  nastyString,
  routeFetch,
  settle,
  streamingResponse,
  type HostileAnswer,
  type RouteAnswer,
} from '../../core/test/_fuzz.js'
import { createDeviceFlow } from '../src/index.js'

const ISSUER = 'http://127.0.0.1:9'
const DEVICE_CODE = 'CANARYdevice-code-0123456789'
const ACCESS = 'CANARYaccess-token-0123456789'
const REFRESH = 'CANARYrefresh-token-0123456789'
const SECRETS = [DEVICE_CODE, ACCESS, REFRESH]

const good = {
  discovery: () => ({
    issuer: ISSUER,
    token_endpoint: `${ISSUER}/token`,
    device_authorization_endpoint: `${ISSUER}/device`,
    userinfo_endpoint: `${ISSUER}/me`,
    revocation_endpoint: `${ISSUER}/revoke`,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
  }),
  device: () => ({ device_code: DEVICE_CODE, user_code: 'WDJB-MJHT', verification_uri: `${ISSUER}/activate`, expires_in: 600, interval: 1 }),
  token: () => ({ access_token: ACCESS, refresh_token: REFRESH, token_type: 'Bearer', expires_in: 3600, scope: 'openid profile' }),
  me: () => ({ sub: 'u1', preferred_username: 'alice', name: 'Alice' }),
}

const shaped = {
  discovery: hostileAnswer(
    hostileObject({
      issuer: fc.constant(ISSUER),
      token_endpoint: fc.oneof(fc.constant(`${ISSUER}/token`), fc.constant('javascript:alert(1)')),
      device_authorization_endpoint: fc.oneof(fc.constant(`${ISSUER}/device`), fc.constant('https://evil.example/device')),
      userinfo_endpoint: fc.constant(`${ISSUER}/me`),
      revocation_endpoint: fc.constant(`${ISSUER}/revoke`),
    }),
  ),
  device: hostileAnswer(
    hostileObject({
      device_code: fc.constant(DEVICE_CODE),
      user_code: fc.oneof({ weight: 5, arbitrary: fc.constant('WDJB-MJHT') }, { weight: 1, arbitrary: fc.constantFrom('WDJB\u200fMJHT', '\u001b[2JX', 'AB\u202eCD') }),
      verification_uri: fc.oneof(
        { weight: 5, arbitrary: fc.constant(`${ISSUER}/activate`) },
        { weight: 1, arbitrary: fc.constantFrom('https://evil.example/\u001b]8;;x\u0007', 'javascript:alert(1)', 'https://evil.example/\u202e') },
      ),
      verification_uri_complete: fc.constantFrom(undefined, `${ISSUER}/activate?user_code=WDJB-MJHT`, `${ISSUER}/activate?user_code=\u202eX`),
      expires_in: fc.constant(600),
      interval: fc.constant(1),
    }),
  ),
  token: hostileAnswer(
    fc.oneof(
      {
        weight: 3,
        arbitrary: hostileObject({
          access_token: fc.constant(ACCESS),
          refresh_token: fc.constant(REFRESH),
          token_type: fc.constantFrom('Bearer', 'bearer'),
          expires_in: fc.constantFrom(3600, 1e300, 8.64e12, -5, 0.5),
          scope: fc.oneof({ weight: 5, arbitrary: fc.constant('openid profile') }, { weight: 1, arbitrary: fc.constantFrom('a\u001b[2Jb \u202eevil', 'openid\tprofile', 'openid  profile', ' ') }),
        }),
      },
      {
        weight: 1,
        arbitrary: hostileObject({
          error: fc.constantFrom('authorization_pending', 'slow_down', 'access_denied', 'expired_token', 'invalid_grant', 'invalid_client', '\u001b[31mx', ''),
          error_description: nastyString(80),
          error_uri: nastyString(),
        }),
      },
    ),
    200,
  ),
  me: hostileAnswer(
    hostileObject({
      sub: fc.constant('u1'),
      preferred_username: fc.oneof(fc.constant('alice'), fc.constantFrom('al\u202eice', '\u001b[2J', 'a'.repeat(5000))),
      name: fc.constant('Alice'),
      email: fc.constant('alice@example.com'),
    }),
  ),
  revoke: hostileAnswer(fc.record({ error: nastyString(), error_description: nastyString() }, { requiredKeys: [] })),
}

type Endpoint = 'discovery' | 'device' | 'token' | 'me' | 'revoke'
const PATHS: Record<string, Endpoint> = { '/.well-known/openid-configuration': 'discovery', '/device': 'device', '/token': 'token', '/me': 'me', '/revoke': 'revoke' }
const bigBody = fc.constantFrom('stream', 'ok') // a 64 MiB stream must be cut off at the body cap

/** A flow whose `hostile` endpoint answers `answer` (or an endless body), the rest well; records the terminal. */
function setup(hostile: Endpoint, answer: HostileAnswer, stream: string) {
  let now = 0
  let tokenCalls = 0
  const terminal: string[] = []
  const logged: string[] = []
  const fetch = routeFetch((url): RouteAnswer => {
    const endpoint = PATHS[url.pathname]
    if (endpoint === undefined) return jsonResponse({ error: 'not_found' }, 404)
    if (endpoint === hostile) return stream === 'stream' && endpoint !== 'revoke' ? streamingResponse(1 << 20, 64) : answer
    if (endpoint === 'token' && tokenCalls++ === 0) return jsonResponse({ error: 'authorization_pending' }, 400)
    if (endpoint === 'revoke') return new Response(null, { status: 200 })
    return jsonResponse(good[endpoint]())
  })
  const logger = { debug: (l: string) => logged.push(l), info: (l: string) => logged.push(l), warn: (l: string) => logged.push(l), error: (l: string) => logged.push(l) }
  const flow = createDeviceFlow({
    issuer: ISSUER,
    clientId: 'fuzz-cli',
    isTTY: false,
    intervalMs: 1000,
    allowInsecure: true,
    profileUrl: `${ISSUER}/me`,
    fetch,
    logger,
    write: (text) => terminal.push(text),
    monotonicNow: () => now,
    sleep: async (ms) => {
      now += Math.max(ms, 1)
    },
    openBrowser: async () => false,
  })
  const ctx = { output: { info: (l: string) => terminal.push(l), warn: (l: string) => terminal.push(l) } }
  return { flow, ctx, terminal, logged }
}

function checkSideChannels(terminal: string[], logged: string[]): void {
  for (const text of terminal) {
    assertTerminalSafe(text, 'terminal output', true)
    assertNoSecret(text, SECRETS, 'terminal output')
  }
  for (const line of logged) assertNoSecret(line, SECRETS, 'log line')
}

const stored = {
  accessToken: 'old-access-token-0123',
  refreshToken: REFRESH,
  tokenType: 'Bearer',
  scopes: ['openid'],
  account: { login: 'alice' },
  flow: 'device',
  obtainedAt: 0,
  issuer: ISSUER,
  clientId: 'fuzz-cli',
}

describe('fuzz: device flow server answers', () => {
  it('control: the well-behaved server logs in (so the fuzzed paths are the real ones)', async () => {
    const ok: HostileAnswer = { status: 200, contentType: 'application/json', body: JSON.stringify(good.token()), length: undefined, headers: {} }
    const { flow, ctx, terminal } = setup('token', ok, 'ok')
    const credential = await flow.login(ctx)
    expect(credential.accessToken).toBe(ACCESS)
    expect(credential.account.login).toBe('alice')
    expect(terminal.join('')).toContain('WDJB-MJHT')
  })

  for (const hostile of ['discovery', 'device', 'token', 'me'] as const) {
    it(
      `login with a hostile ${hostile} answer: a sane credential or a documented error`,
      async () => {
        const seen = { ok: 0, error: 0 }
        await fc.assert(
          fc.asyncProperty(shaped[hostile], fc.oneof({ weight: 15, arbitrary: fc.constant('ok') }, { weight: 1, arbitrary: bigBody }), async (answer, stream) => {
            const { flow, ctx, terminal, logged } = setup(hostile, answer, stream)
            const result = await settle(() => flow.login(ctx), { timeoutMs: 5_000, secrets: SECRETS })
            if (result.ok) assertSaneCredential(result.value)
            checkSideChannels(terminal, logged)
            seen[result.ok ? 'ok' : 'error']++
          }),
          fuzzParams(150),
        )
        // Both paths taken: the generators are not all garbage (a bad profile answer only loses the name).
        if (ENOUGH_RUNS && hostile !== 'me') expect(seen.error).toBeGreaterThan(0)
        if (ENOUGH_RUNS) expect(seen.ok).toBeGreaterThan(0)
      },
      fuzzTimeout(150, 30),
    )
  }

  it(
    'refresh with a hostile token answer: a sane credential or a documented error',
    async () => {
      await fc.assert(
        fc.asyncProperty(shaped.token, async (answer) => {
          const { flow, ctx, terminal, logged } = setup('token', answer, 'ok')
          const result = await settle(() => flow.refresh!(stored as never, ctx), { timeoutMs: 5_000, secrets: SECRETS })
          if (result.ok) assertSaneCredential(result.value)
          checkSideChannels(terminal, logged)
        }),
        fuzzParams(150),
      )
    },
    fuzzTimeout(150, 30),
  )

  it(
    'revoke with a hostile revocation (or discovery) answer: done or a documented error',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('revoke', 'discovery') as fc.Arbitrary<Endpoint>, shaped.revoke, async (hostile, answer) => {
          const { flow, ctx, terminal, logged } = setup(hostile, answer, 'ok')
          await settle(() => flow.revoke!(stored as never, ctx), { timeoutMs: 5_000, secrets: SECRETS })
          checkSideChannels(terminal, logged)
        }),
        fuzzParams(100),
      )
    },
    fuzzTimeout(100, 30),
  )
})
