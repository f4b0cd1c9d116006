// Fuzzing every server answer the client-credentials flow reads: discovery, the token endpoint
// (login and renewal), the OAuth error body and WWW-Authenticate challenge, revocation. Hostile
// bytes, JSON, wrong types, huge numbers and strings, control characters, lying lengths, endless
// bodies. Only a documented AuthError comes out, in time, never with the client secret or a
// token in it; a credential that comes back is safe to store and show.
import { makeCredential, recordingLogger } from '@auth/testing'
import {
  ENOUGH_RUNS,
  fc,
  fuzzServerAnswers,
  fuzzTimeout,
  hostileAnswer,
  hostileDiscovery,
  hostileOAuthError,
  hostileRoutes,
  hostileTokenAnswer,
  hostileTokenSuccess,
  jsonResponse,
  type HostileAnswer,
} from '@auth/testing/fuzz'
import { describe, expect, it } from 'vitest'
import { createClientCredentialsFlow } from '../src/index.js'

const ISSUER = 'http://127.0.0.1:9'
const SECRET = 'CANARYclient-secret-0123456789'
const ACCESS = 'CANARYcc-access-token-0123456789'
const SECRETS = [SECRET, ACCESS]

const shaped = {
  discovery: hostileDiscovery(
    ISSUER,
    { token_endpoint: `${ISSUER}/token` },
    {
      revocation_endpoint: fc.constant(`${ISSUER}/revoke`),
      token_endpoint_auth_methods_supported: fc.constantFrom(undefined, ['client_secret_basic'], ['client_secret_post'], ['private_key_jwt'], 'client_secret_basic', [42]),
    },
  ),
  token: hostileTokenAnswer(hostileTokenSuccess({ accessToken: ACCESS, scope: 'api:read' }), hostileOAuthError(['invalid_client', 'unauthorized_client', 'invalid_scope'], SECRET)),
  revoke: hostileOAuthError(['invalid_request', 'unsupported_token_type']),
}
type Endpoint = keyof typeof shaped
const PATHS: Record<string, Endpoint> = { '/.well-known/openid-configuration': 'discovery', '/token': 'token', '/revoke': 'revoke' }
const good = {
  discovery: { issuer: ISSUER, token_endpoint: `${ISSUER}/token`, revocation_endpoint: `${ISSUER}/revoke` },
  token: { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600, scope: 'api:read' },
}

function setup(hostile: Endpoint, answer: HostileAnswer, stream: boolean) {
  const logger = recordingLogger()
  const fetch = hostileRoutes(
    (url) => PATHS[url.pathname],
    hostile,
    answer,
    stream,
    (endpoint) => (endpoint === 'revoke' ? new Response(null, { status: 200 }) : jsonResponse(good[endpoint])),
  )
  const flow = createClientCredentialsFlow({ issuer: ISSUER, clientId: 'bot', secret: { value: SECRET, label: 'TEST_SECRET' }, allowInsecure: true, fetch, logger, scopes: ['api:read'] })
  return { flow, logged: logger.lines }
}

const stored = makeCredential({ accessToken: 'old-access-0123456789', scopes: ['api:read'], account: { login: 'bot' }, flow: 'client-credentials', obtainedAt: 0, issuer: ISSUER, clientId: 'bot' })

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
        const seen = await fuzzServerAnswers(hostileAnswer(shaped[hostile]), { runs: 150, secrets: SECRETS }, (answer, stream) => {
          const { flow, logged } = setup(hostile, answer, stream)
          const call: () => Promise<unknown> = op === 'login' ? () => flow.login({}) : op === 'refresh' ? () => flow.refresh!(stored as never, {}) : () => flow.revoke!(stored as never, {})
          return { call, logged }
        })
        if (ENOUGH_RUNS) expect(seen.ok).toBeGreaterThan(0)
      },
      fuzzTimeout(150, 20),
    )
  }
})
