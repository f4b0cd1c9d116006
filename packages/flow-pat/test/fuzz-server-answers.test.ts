// Fuzzing every server answer the PAT flow reads: the profile endpoint (body, scope and expiry
// headers), and discovery + userinfo when the token is checked against an issuer. Hostile bytes,
// JSON, wrong types, huge numbers and strings, control characters, lying lengths, endless bodies.
// Only a documented AuthError comes out, in time, without the token; a credential that comes
// back is safe to store and show; what reaches the terminal is safe.
import { recordingLogger } from '@auth/testing'
import {
  ENOUGH_RUNS,
  assertSaneCredential,
  fc,
  fuzzServerAnswers,
  fuzzTimeout,
  hostileAnswer,
  hostileDiscovery,
  hostileLogin,
  hostileObject,
  hostileRoutes,
  jsonResponse,
  nastyString,
  type HostileAnswer,
} from '@auth/testing/fuzz'
import { describe, expect, it } from 'vitest'
import { createPatFlow } from '../src/index.js'

const HOST = 'http://127.0.0.1:9'
const TOKEN = 'CANARYpat_0123456789abcdef'
const profile = hostileObject({
  login: hostileLogin,
  id: fc.constantFrom(42, '42', 1e300, -1),
  name: fc.constant('Alice'),
  scopes: fc.constantFrom(['repo', 'read:org'], [], ['a b'], ['\u001b[2J']),
  scope: fc.constantFrom(undefined, 'repo read:org', 'repo\u202e'),
  expires_at: fc.constantFrom(undefined, '2030-01-01T00:00:00Z', 'soon', 1e300, 8.64e12, -1),
})
const headers = fc.option(
  fc.record(
    {
      'x-oauth-scopes': fc.oneof(fc.constantFrom('repo, read:org', '', 'a\u0001b', 'repo,,', 'x'.repeat(10_000)), nastyString(40)),
      'github-authentication-token-expiration': fc.oneof(fc.constantFrom('2030-01-01 00:00:00 UTC', 'never', '9999999-01-01', '1e300'), nastyString(40)),
    },
    { requiredKeys: [] },
  ),
  { nil: {} },
)
const answer = fc.tuple(hostileAnswer(profile), headers).map(([a, h]) => ({ ...a, headers: { ...a.headers, ...stripBad(h) } }))

/** Header values fetch refuses (CR, LF, NUL, non-Latin-1) are left out. */
function stripBad(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\t\x20-\x7e\x80-\xff]*$/.test(v)))
}

const discovery = { issuer: HOST, token_endpoint: `${HOST}/token`, userinfo_endpoint: `${HOST}/userinfo` }

function run(hostile: 'profile' | 'discovery' | 'userinfo', a: HostileAnswer, stream: boolean) {
  const terminal: string[] = []
  const logger = recordingLogger()
  const which = (url: URL) => (url.pathname === '/profile' ? 'profile' : url.pathname === '/.well-known/openid-configuration' ? 'discovery' : url.pathname === '/userinfo' ? 'userinfo' : undefined)
  const fetch = hostileRoutes(which, hostile, a, stream, (endpoint) => jsonResponse(endpoint === 'discovery' ? discovery : { login: 'alice', sub: 'u1' }))
  const flow = createPatFlow({
    host: HOST,
    allowInsecure: true,
    fetch,
    logger,
    ...(hostile === 'profile' ? { profileUrl: `${HOST}/profile` } : { issuer: HOST }),
  })
  const ctx = { input: { token: TOKEN }, output: { info: (l: string) => terminal.push(l), warn: (l: string) => terminal.push(l) } }
  return { login: () => flow.login(ctx), terminal, logged: logger.lines }
}

// Found by this fuzzer (issue 11 #3 again): a profile's `expires_at` of `1e300` used to give
// `expiresAt: 1e303`, outside the range of Date (`status`/`whoami`: "Invalid time value").
// src/_expiry.ts now treats an expiry no date can hold as unknown.

describe('fuzz: PAT flow server answers', () => {
  it('expires_at 1e300 in the profile is treated as unknown, not stored out of the range of Date', async () => {
    const { login } = run('profile', { status: 200, contentType: 'application/json', body: JSON.stringify({ login: 'alice', expires_at: 1e300 }), length: undefined, headers: {} }, false)
    assertSaneCredential(await login())
  })

  for (const hostile of ['profile', 'discovery', 'userinfo'] as const) {
    it(
      `a hostile ${hostile} answer: a sane credential or a documented error, never the token`,
      async () => {
        const answers = hostile === 'profile' ? answer : hostileAnswer(hostile === 'discovery' ? hostileDiscovery(HOST, { userinfo_endpoint: `${HOST}/userinfo` }) : profile)
        const seen = await fuzzServerAnswers(answers, { runs: 200, secrets: [TOKEN] }, (a, stream) => {
          const { login, terminal, logged } = run(hostile, a, stream)
          return { call: login, terminal, logged }
        })
        if (ENOUGH_RUNS) expect(seen.error).toBeGreaterThan(0)
        if (ENOUGH_RUNS) expect(seen.ok).toBeGreaterThan(0)
      },
      fuzzTimeout(200, 20),
    )
  }
})
