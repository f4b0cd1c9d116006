// Fuzzing every server answer the device flow reads: discovery, device authorization, the token
// endpoint (while polling and on refresh), userinfo, revocation. One endpoint at a time answers
// hostile bytes, JSON, wrong types, huge numbers and strings, control characters and lying
// lengths; the others answer well. Only a documented AuthError comes out, in time, with no device
// code, token or secret in it; what reaches the terminal (the prompt, info and warnings) is safe;
// a credential that comes back is safe to store and show.
import { makeCredential, recordingLogger } from '@auth/testing'
import {
  ENOUGH_RUNS,
  fc,
  fuzzServerAnswers,
  fuzzTimeout,
  hostileAnswer,
  hostileDiscovery,
  hostileLogin,
  hostileOAuthError,
  hostileObject,
  hostileRoutes,
  hostileTokenAnswer,
  hostileTokenSuccess,
  jsonResponse,
  type HostileAnswer,
  type RouteAnswer,
} from '@auth/testing/fuzz'
import { describe, expect, it } from 'vitest'
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
    hostileDiscovery(
      ISSUER,
      { token_endpoint: `${ISSUER}/token`, device_authorization_endpoint: `${ISSUER}/device` },
      { userinfo_endpoint: fc.constant(`${ISSUER}/me`), revocation_endpoint: fc.constant(`${ISSUER}/revoke`) },
    ),
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
    hostileTokenAnswer(
      hostileTokenSuccess({ accessToken: ACCESS, refreshToken: REFRESH, scope: 'openid profile' }),
      hostileOAuthError(['authorization_pending', 'slow_down', 'access_denied', 'expired_token', 'invalid_grant', 'invalid_client']),
    ),
  ),
  me: hostileAnswer(
    hostileObject({
      sub: fc.constant('u1'),
      preferred_username: hostileLogin,
      name: fc.constant('Alice'),
      email: fc.constant('alice@example.com'),
    }),
  ),
  revoke: hostileAnswer(hostileOAuthError(['invalid_request', 'unsupported_token_type'])),
}

type Endpoint = 'discovery' | 'device' | 'token' | 'me' | 'revoke'
const PATHS: Record<string, Endpoint> = { '/.well-known/openid-configuration': 'discovery', '/device': 'device', '/token': 'token', '/me': 'me', '/revoke': 'revoke' }
/** A flow whose `hostile` endpoint answers `answer` (or an endless body), the rest well; records the terminal. */
function setup(hostile: Endpoint, answer: HostileAnswer, stream: boolean) {
  let now = 0
  let tokenCalls = 0
  const terminal: string[] = []
  const logger = recordingLogger()
  const fetch = hostileRoutes(
    (url) => PATHS[url.pathname],
    hostile,
    answer,
    stream && hostile !== 'revoke',
    (endpoint): RouteAnswer => {
      if (endpoint === 'token' && tokenCalls++ === 0) return jsonResponse({ error: 'authorization_pending' }, 400)
      if (endpoint === 'revoke') return new Response(null, { status: 200 })
      return jsonResponse(good[endpoint]())
    },
  )
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
  return { flow, ctx, terminal, logged: logger.lines }
}

const stored = makeCredential({ accessToken: 'old-access-token-0123', refreshToken: REFRESH, obtainedAt: 0, issuer: ISSUER, clientId: 'fuzz-cli' })

describe('fuzz: device flow server answers', () => {
  it('control: the well-behaved server logs in (so the fuzzed paths are the real ones)', async () => {
    const ok: HostileAnswer = { status: 200, contentType: 'application/json', body: JSON.stringify(good.token()), length: undefined, headers: {} }
    const { flow, ctx, terminal } = setup('token', ok, false)
    const credential = await flow.login(ctx)
    expect(credential.accessToken).toBe(ACCESS)
    expect(credential.account.login).toBe('alice')
    expect(terminal.join('')).toContain('WDJB-MJHT')
  })

  for (const hostile of ['discovery', 'device', 'token', 'me'] as const) {
    it(
      `login with a hostile ${hostile} answer: a sane credential or a documented error`,
      async () => {
        const seen = await fuzzServerAnswers(shaped[hostile], { runs: 150, secrets: SECRETS }, (answer, stream) => {
          const { flow, ctx, terminal, logged } = setup(hostile, answer, stream)
          return { call: () => flow.login(ctx), terminal, logged }
        })
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
      await fuzzServerAnswers(shaped.token, { runs: 150, secrets: SECRETS }, (answer, stream) => {
        const { flow, ctx, terminal, logged } = setup('token', answer, stream)
        return { call: () => flow.refresh!(stored as never, ctx), terminal, logged }
      })
    },
    fuzzTimeout(150, 30),
  )

  it(
    'revoke with a hostile revocation (or discovery) answer: done or a documented error',
    async () => {
      await fuzzServerAnswers(fc.tuple(fc.constantFrom<Endpoint>('revoke', 'discovery'), shaped.revoke), { runs: 100, secrets: SECRETS }, ([hostile, answer]) => {
        const { flow, ctx, terminal, logged } = setup(hostile, answer, false)
        return { call: () => flow.revoke!(stored as never, ctx), terminal, logged }
      })
    },
    fuzzTimeout(100, 30),
  )
})
