// Fuzzing every server answer the machine grants read: the token endpoint of the MCP server's
// authorization server (client credentials, JWT bearer), the enterprise IdP's token exchange
// answer (the ID-JAG), and hostile authorization server metadata. Hostile bytes, JSON, wrong
// types, huge numbers and strings, control characters, lying lengths, endless bodies. Only a
// documented AuthError comes out, in time, never with the secret, the ID token or a token in
// it; a credential that comes back is safe to store and show.
import { recordingLogger } from '@auth/testing'
import {
  ENOUGH_RUNS,
  fc,
  fuzzServerAnswers,
  fuzzTimeout,
  hostileAnswer,
  hostileOAuthError,
  hostileObject,
  hostileRoutes,
  hostileTokenAnswer,
  hostileTokenSuccess,
  jsonResponse,
  routeFetch,
  settle,
  type HostileAnswer,
} from '@auth/testing/fuzz'
import { describe, expect, it } from 'vitest'
import { createClientCredentialsGrant, createCrossAppAccessGrant } from '../src/machine/index.js'
import type { McpGrant, McpGrantContext } from '../src/types.js'

const AS = 'http://127.0.0.1:9'
const IDP = 'http://127.0.0.1:10'
const RESOURCE = 'http://127.0.0.1:11/mcp'
const SECRET = 'CANARYclient-secret-0123456789'
const ID_TOKEN = 'CANARYid.token.0123456789'
const ACCESS = 'CANARYmcp-access-token-0123456789'
const SECRETS = [SECRET, ID_TOKEN, ACCESS]

const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const JAG = `${part({ alg: 'ES256', typ: 'oauth-id-jag+jwt' })}.${part({ aud: AS, resource: RESOURCE, client_id: 'bot', sub: 'alice', exp: 4_000_000_000 })}.c2ln`

const goodExchange = { access_token: JAG, issued_token_type: 'urn:ietf:params:oauth:token-type:id-jag', token_type: 'N_A', expires_in: 300 }
const goodToken = { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600, scope: 'mcp:read' }

const shaped = {
  token: hostileTokenAnswer(hostileTokenSuccess({ accessToken: ACCESS, scope: 'mcp:read' }), hostileOAuthError(['invalid_client', 'invalid_grant', 'invalid_scope', 'invalid_target'], SECRET)),
  exchange: fc.oneof(
    hostileObject({
      access_token: fc.constantFrom(JAG, 'not-a-jwt', `${JAG}.extra`, `${part({ typ: 'JWT' })}.${part({ aud: 'https://other.example' })}.x`, 42),
      issued_token_type: fc.constantFrom('urn:ietf:params:oauth:token-type:id-jag', 'urn:ietf:params:oauth:token-type:access_token', undefined),
      token_type: fc.constantFrom('N_A', 'n_a', 'Bearer', '\u001b[2J'),
      expires_in: fc.constantFrom(300, 1e300, -1, '300'),
    }),
    hostileOAuthError(['invalid_grant', 'invalid_request', 'invalid_target'], ID_TOKEN),
  ),
}

function context(fetch: typeof globalThis.fetch, logger: ReturnType<typeof recordingLogger>, metadata: Record<string, unknown> = {}): McpGrantContext {
  return {
    resource: RESOURCE,
    scopes: ['mcp:read'],
    authorizationServer: { issuer: AS, token_endpoint: `${AS}/token`, ...metadata } as McpGrantContext['authorizationServer'],
    fetch,
    signal: undefined,
    now: Date.now,
    logger,
  }
}

function routes(hostile: 'token' | 'exchange', answer: HostileAnswer, stream: boolean): typeof globalThis.fetch {
  const endpointOf = (url: URL) => (url.origin === IDP ? 'exchange' : url.pathname === '/token' ? 'token' : undefined)
  return hostileRoutes(endpointOf, hostile, answer, stream, (endpoint) => jsonResponse(endpoint === 'exchange' ? goodExchange : goodToken))
}

const grants: Record<string, () => McpGrant> = {
  client_credentials: () => createClientCredentialsGrant({ clientId: 'bot', clientSecret: { value: SECRET, label: 'TEST_SECRET' } }),
  cross_app_access: () =>
    createCrossAppAccessGrant({
      idp: { tokenEndpoint: `${IDP}/token`, clientId: 'idp-bot' },
      subjectToken: { value: ID_TOKEN, label: 'TEST_ID_TOKEN' },
      client: { clientId: 'bot', clientSecret: { value: SECRET, label: 'TEST_SECRET' } },
    }),
}

describe('fuzz: machine grant server answers', () => {
  for (const [kind, hostile] of [
    ['client_credentials', 'token'],
    ['cross_app_access', 'exchange'],
    ['cross_app_access', 'token'],
  ] as const) {
    it(
      `${kind} with a hostile ${hostile} answer: a sane credential or a documented error, no secret`,
      async () => {
        const seen = await fuzzServerAnswers(hostileAnswer(shaped[hostile]), { runs: 120, secrets: SECRETS }, (answer, stream) => {
          const logger = recordingLogger()
          const grant = (grants[kind] as () => McpGrant)()
          return { call: () => grant.token(context(routes(hostile, answer, stream), logger)), logged: logger.lines }
        })
        if (ENOUGH_RUNS) expect(seen.error).toBeGreaterThan(0)
      },
      fuzzTimeout(120, 20),
    )
  }

  it('hostile authorization server metadata: a documented error or a sane credential, never a request to a bad token endpoint', async () => {
    const metadata = hostileObject({
      token_endpoint: fc.constantFrom(`${AS}/token`, 'http://evil.example/token', 'file:///etc/passwd', 'javascript:alert(1)', `${AS}/token\u0000x`, 42, undefined, 'https://u:p@as.example/token'),
      issuer: fc.constantFrom(AS, '', 42, `${AS}\u001b[2J`),
      grant_types_supported: fc.constantFrom(undefined, ['client_credentials'], ['authorization_code'], 'client_credentials', [42], []),
      token_endpoint_auth_methods_supported: fc.constantFrom(undefined, ['client_secret_basic'], ['client_secret_post'], ['private_key_jwt'], ['\u001b[31mx'], 'none', [42]),
    })
    await fc.assert(
      fc.asyncProperty(metadata, async (fields) => {
        const requested: string[] = []
        const fetch = routeFetch((url) => {
          requested.push(url.href)
          return jsonResponse(goodToken)
        })
        const logger = recordingLogger()
        const grant = (grants['client_credentials'] as () => McpGrant)()
        await settle(() => grant.token(context(fetch, logger, fields)), { timeoutMs: 5_000, secrets: SECRETS })
        for (const href of requested) expect(href).toBe(`${AS}/token`)
      }),
      { numRuns: 150, seed: 42 },
    )
  }, 60_000)
})
