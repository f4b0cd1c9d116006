// Cross-app access against real HTTP fixtures: an enterprise IdP and an authorization server on
// 127.0.0.1 that answer what each test says (hostile answers included) and record what they got.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { errorText, expectNoLeak, startTinyServer, type TinyServer } from '@auth/dev-server/testing'
import { afterEach, describe, expect, test } from 'vitest'
import type { McpGrantContext } from '../types.js'
import { createCrossAppAccessGrant } from './cross-app-access-grant.js'

const RESOURCE = 'http://127.0.0.1:9/mcp'
const ID_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLXNlY3JldA'
const CLIENT_SECRET = 'xaa-client-secret-7f3a'

type Answer = { status?: number; json?: unknown; text?: string; type?: string }
interface Fixture {
  server: TinyServer
  bodies: URLSearchParams[]
  answer: (body: URLSearchParams) => Answer
}

const fixtures: Fixture[] = []
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.server.close()))
})

async function fixture(answer: Fixture['answer']): Promise<Fixture> {
  const f: Fixture = { server: undefined as unknown as TinyServer, bodies: [], answer }
  f.server = await startTinyServer((req: IncomingMessage, res: ServerResponse) => {
    let text = ''
    req.on('data', (d: Buffer) => (text += d.toString()))
    req.on('end', () => {
      const body = new URLSearchParams(text)
      f.bodies.push(body)
      const a = f.answer(body)
      res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json' })
      res.end(a.text ?? JSON.stringify(a.json))
    })
  })
  fixtures.push(f)
  return f
}

function jwt(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part(header)}.${part(payload)}.c2ln`
}

function jag(as: Fixture, claims: Record<string, unknown> = {}): string {
  return jwt(
    { alg: 'ES256', typ: 'oauth-id-jag+jwt' },
    { iss: 'idp', sub: 'user@example.com', aud: as.server.url, resource: RESOURCE, client_id: 'mcp-client', exp: Math.floor(Date.now() / 1000) + 300, ...claims },
  )
}

const exchanged = (assertion: string): Answer => ({ json: { access_token: assertion, issued_token_type: 'urn:ietf:params:oauth:token-type:id-jag', token_type: 'N_A', expires_in: 300 } })

async function setup(idpAnswer: (as: Fixture) => Fixture['answer'], metadata: Record<string, unknown> = {}) {
  const as = await fixture(() => ({ json: { access_token: 'mcp-access-token-1', token_type: 'Bearer', expires_in: 600, scope: 'mcp:read' } }))
  const idp = await fixture(idpAnswer(as))
  const grant = createCrossAppAccessGrant({
    idp: { tokenEndpoint: `${idp.server.url}/token`, clientId: 'idp-client' },
    subjectToken: { env: 'IDP_ID_TOKEN' },
    client: { clientId: 'mcp-client', clientSecret: { env: 'MCP_SECRET' } },
    env: { IDP_ID_TOKEN: ID_TOKEN, MCP_SECRET: CLIENT_SECRET },
  })
  const ctx: McpGrantContext = {
    resource: RESOURCE,
    // offline_access (added by discovery when the server lists it) is never asked for by a machine grant
    scopes: ['mcp:read', 'offline_access'],
    authorizationServer: { issuer: as.server.url, token_endpoint: `${as.server.url}/token`, grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'], ...metadata },
    fetch: globalThis.fetch,
    signal: undefined,
    now: Date.now,
    logger: undefined,
  }
  return { as, idp, grant, ctx }
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; exitCode?: number; hint?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: Error) => e,
  )
}

describe('createCrossAppAccessGrant', () => {
  test('exchanges the ID token for an ID-JAG at the IdP, then presents it with the JWT bearer grant', async () => {
    let assertion = ''
    const { as, idp, grant, ctx } = await setup((as) => () => exchanged((assertion = jag(as))))
    const credential = await grant.token(ctx)
    expect(Object.fromEntries(idp.bodies[0] ?? [])).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      requested_token_type: 'urn:ietf:params:oauth:token-type:id-jag',
      audience: as.server.url,
      resource: RESOURCE,
      subject_token: ID_TOKEN,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      scope: 'mcp:read',
      client_id: 'idp-client',
    })
    expect(Object.fromEntries(as.bodies[0] ?? [])).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, resource: RESOURCE, scope: 'mcp:read' })
    expect(Buffer.from((as.server.requests[0]?.authorization ?? '').slice(6), 'base64').toString()).toBe(`mcp-client:${CLIENT_SECRET}`)
    expect(credential).toMatchObject({
      accessToken: 'mcp-access-token-1',
      flow: 'cross_app_access',
      clientId: 'mcp-client',
      issuer: as.server.url,
      scopes: ['mcp:read'],
      account: { login: 'user@example.com' },
    })
    expect(credential.refreshToken).toBeUndefined()
  })

  test.each([
    [
      'a token of another type',
      (as: Fixture) => () => ({ json: { access_token: jag(as), issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer' } }),
      'BAD_RESPONSE',
      '"issued_token_type" is not',
    ],
    ['an ID-JAG for another authorization server', (as: Fixture) => () => exchanged(jag(as, { aud: 'https://other-as.example' })), 'BAD_RESPONSE', 'the ID-JAG "aud"'],
    ['an ID-JAG for another resource', (as: Fixture) => () => exchanged(jag(as, { resource: 'https://other.example/mcp' })), 'BAD_RESPONSE', 'the ID-JAG "resource"'],
    ['an ID-JAG for another client', (as: Fixture) => () => exchanged(jag(as, { client_id: 'someone-else' })), 'BAD_RESPONSE', 'the ID-JAG "client_id"'],
    ['an expired ID-JAG', (as: Fixture) => () => exchanged(jag(as, { exp: 1000 })), 'BAD_RESPONSE', 'the ID-JAG has expired'],
    ['a wrong typ', (as: Fixture) => () => exchanged(jwt({ alg: 'ES256', typ: 'JWT' }, { aud: as.server.url })), 'BAD_RESPONSE', '"typ"'],
    ['not a JWT', () => () => exchanged('opaque-token-value'), 'BAD_RESPONSE', 'not a compact JWT'],
    ['a 2 MiB answer', () => () => ({ text: `{"access_token":"${'a'.repeat(2 * 1024 * 1024)}"}` }), 'BAD_RESPONSE', 'unexpected response'],
    ['an HTML error page', () => () => ({ status: 500, type: 'text/html', text: '<html><body>Internal error</body></html>' }), 'BAD_RESPONSE', ''],
    ['invalid_grant with terminal escapes', () => () => ({ status: 400, json: { error: 'invalid_grant', error_description: 'ID token expired\u001b[2J\u0007' } }), 'INVALID_GRANT', 'ID token expired'],
  ] as const)('the IdP answers %s: a documented error, and the authorization server is never called', async (_name, answer, code, text) => {
    const { as, grant, ctx } = await setup(answer)
    const error = await failure(grant.token(ctx))
    expect(error.code, error.message).toBe(code)
    expect(error.message).toContain(text)
    expect(error.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    expect(as.bodies).toHaveLength(0)
    const shown = errorText(error)
    expectNoLeak(shown, ID_TOKEN)
    expectNoLeak(shown, CLIENT_SECRET)
  })

  test('an authorization server that does not offer the JWT bearer grant: CONFIG_ERROR before the IdP is asked', async () => {
    const { idp, grant, ctx } = await setup((as) => () => exchanged(jag(as)), { grant_types_supported: ['authorization_code'] })
    const error = await failure(grant.token(ctx))
    expect([error.code, error.exitCode]).toEqual(['CONFIG_ERROR', 2])
    expect(idp.bodies).toHaveLength(0)
  })

  test('the authorization server refuses the client: INVALID_CLIENT naming client and method, not the secret', async () => {
    const { as, grant, ctx } = await setup((as) => () => exchanged(jag(as)))
    as.answer = () => ({ status: 401, json: { error: 'invalid_client', error_description: 'bad client' } })
    const error = await failure(grant.token(ctx))
    expect(error.code).toBe('INVALID_CLIENT')
    expect(error.hint).toContain('client id "mcp-client" with client_secret_basic')
    expectNoLeak(errorText(error), CLIENT_SECRET)
  })

  test('a missing or empty identity assertion: LOGIN_REQUIRED naming where it was expected, no request', async () => {
    const { idp, ctx } = await setup((as) => () => exchanged(jag(as)))
    const base = { idp: { tokenEndpoint: `${idp.server.url}/token`, clientId: 'idp-client' }, client: { clientId: 'mcp-client', clientSecret: { value: CLIENT_SECRET, label: 'test' } } }
    const missing = await failure(createCrossAppAccessGrant({ ...base, subjectToken: { env: 'NOPE' }, env: {} }).token(ctx))
    expect([missing.code, missing.message]).toEqual(['LOGIN_REQUIRED', '@auth/mcp: the identity assertion is expected in the environment variable NOPE, which is not set'])
    const empty = await failure(createCrossAppAccessGrant({ ...base, subjectToken: async () => ' ' }).token(ctx))
    expect(empty.message).toBe('@auth/mcp: the identity assertion in the subjectToken function is empty')
    expect(idp.bodies).toHaveLength(0)
  })

  test('options are checked at once, naming the option', () => {
    const client = { clientId: 'c', clientSecret: { env: 'S' } }
    expect(() => createCrossAppAccessGrant({ idp: { clientId: 'i' }, subjectToken: { env: 'T' }, client })).toThrow('"idp.tokenEndpoint" or "idp.issuer" must be given')
    expect(() => createCrossAppAccessGrant({ idp: { clientId: 'i', tokenEndpoint: 'http://idp.example/token' }, subjectToken: { env: 'T' }, client })).toThrow(/idp\.tokenEndpoint/)
    expect(() => createCrossAppAccessGrant({ idp: { clientId: 'i', issuer: 'https://idp.example' }, subjectToken: { env: 'T' }, client: { clientId: 'c' } })).toThrow(
      '"client.clientSecret" or "privateKey" must be given',
    )
    expect(() => createCrossAppAccessGrant({ idp: { clientId: 'i', issuer: 'https://idp.example' }, subjectToken: { env: 'T', file: 'x' } as never, client })).toThrow(
      '"subjectToken" must have exactly one of env, file, value',
    )
    expect(() => createCrossAppAccessGrant({ idp: { clientId: 'i', issuer: 'https://idp.example' }, subjectToken: { env: 'T' }, subjectTokenType: 'urn:x' as never, client })).toThrow(
      '"subjectTokenType" must be one of',
    )
  })
})
