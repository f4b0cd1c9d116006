// Fuzzing every server answer the client-credentials flow reads: discovery, the token endpoint
// (login and renewal), the OAuth error body and WWW-Authenticate challenge, revocation. Hostile
// bytes, JSON, wrong types, huge numbers and strings, control characters, lying lengths, endless
// bodies. Only a documented AuthError comes out, in time, never with the client secret or a
// token in it; a credential that comes back is safe to store and show.
import { describe, expect, it } from 'vitest'
import {
  ENOUGH_RUNS,
  assertNoSecret,
  assertSaneCredential,
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
} from '../../core/test/_fuzz.js'
import { createClientCredentialsFlow } from '../src/index.js'

const ISSUER = 'http://127.0.0.1:9'
const SECRET = 'CANARYclient-secret-0123456789'
const ACCESS = 'CANARYcc-access-token-0123456789'
const SECRETS = [SECRET, ACCESS]

const shaped = {
  discovery: hostileObject({
    issuer: fc.constant(ISSUER),
    token_endpoint: fc.oneof({ weight: 5, arbitrary: fc.constant(`${ISSUER}/token`) }, { weight: 1, arbitrary: fc.constantFrom('javascript:x', 'https://evil.example/token', 'x') }),
    revocation_endpoint: fc.constant(`${ISSUER}/revoke`),
    token_endpoint_auth_methods_supported: fc.constantFrom(undefined, ['client_secret_basic'], ['client_secret_post'], ['private_key_jwt'], 'client_secret_basic', [42]),
  }),
  token: fc.oneof(
    {
      weight: 3,
      arbitrary: hostileObject({
        access_token: fc.constant(ACCESS),
        token_type: fc.constantFrom('Bearer', 'bearer'),
        expires_in: fc.constantFrom(3600, 1e300, 8.64e12, -5, 0.5, Number.MAX_SAFE_INTEGER + 2),
        scope: fc.oneof({ weight: 5, arbitrary: fc.constant('api:read') }, { weight: 1, arbitrary: fc.constantFrom('a\u001b[2Jb \u202eevil', 'api:read\tx', ' ') }),
      }),
    },
    {
      weight: 1,
      arbitrary: hostileObject({
        error: fc.constantFrom('invalid_client', 'unauthorized_client', 'invalid_scope', '\u001b[31mx', ''),
        error_description: nastyString(80).map((d) => `${d} ${SECRET}`),
        error_uri: nastyString(),
      }),
    },
  ),
  revoke: hostileObject({ error: nastyString(), error_description: nastyString() }),
}
type Endpoint = keyof typeof shaped
const PATHS: Record<string, Endpoint> = { '/.well-known/openid-configuration': 'discovery', '/token': 'token', '/revoke': 'revoke' }
const good = {
  discovery: { issuer: ISSUER, token_endpoint: `${ISSUER}/token`, revocation_endpoint: `${ISSUER}/revoke` },
  token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600, scope: 'api:read' },
}

function setup(hostile: Endpoint, answer: HostileAnswer, stream: boolean) {
  const logged: string[] = []
  const fetch = routeFetch((url) => {
    const endpoint = PATHS[url.pathname]
    if (endpoint === undefined) return jsonResponse({ error: 'not_found' }, 404)
    if (endpoint === hostile) return stream ? streamingResponse(1 << 20, 64) : answer
    if (endpoint === 'revoke') return new Response(null, { status: 200 })
    return jsonResponse(good[endpoint])
  })
  const logger = { debug: (l: string) => logged.push(l), info: (l: string) => logged.push(l), warn: (l: string) => logged.push(l), error: (l: string) => logged.push(l) }
  const flow = createClientCredentialsFlow({ issuer: ISSUER, clientId: 'bot', secret: { value: SECRET, label: 'TEST_SECRET' }, allowInsecure: true, fetch, logger, scopes: ['api:read'] })
  return { flow, logged }
}

const stored = {
  accessToken: 'old-access-0123456789',
  tokenType: 'Bearer',
  scopes: ['api:read'],
  account: { login: 'bot' },
  flow: 'client-credentials',
  obtainedAt: 0,
  issuer: ISSUER,
  clientId: 'bot',
}

describe('fuzz: client credentials server answers', () => {
  for (const [hostile, op] of [
    ['discovery', 'login'],
    ['token', 'login'],
    ['token', 'refresh'],
    ['revoke', 'revoke'],
    ['discovery', 'revoke'],
  ] as const) {
    it(
      `${op} with a hostile ${hostile} answer: a sane credential or a documented error, no secret`,
      async () => {
        const seen = { ok: 0, error: 0 }
        await fc.assert(
          fc.asyncProperty(
            hostileAnswer(shaped[hostile]),
            fc.boolean().map((b) => b && Math.random() < 0.05),
            async (answer, stream) => {
              const { flow, logged } = setup(hostile, answer, stream)
              const run: () => Promise<unknown> = op === 'login' ? () => flow.login({}) : op === 'refresh' ? () => flow.refresh!(stored as never, {}) : () => flow.revoke!(stored as never, {})
              const result = await settle(run, { timeoutMs: 5_000, secrets: SECRETS })
              seen[result.ok ? 'ok' : 'error']++
              if (result.ok && result.value) assertSaneCredential(result.value as Record<string, unknown>)
              for (const l of logged) assertNoSecret(l, [SECRET], 'log line')
            },
          ),
          fuzzParams(150),
        )
        if (ENOUGH_RUNS) expect(seen.ok).toBeGreaterThan(0)
      },
      fuzzTimeout(150, 20),
    )
  }
})
