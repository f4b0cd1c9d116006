// The flow against a real local server that answers garbage: every answer maps to exit 5
// (BAD_RESPONSE / NETWORK_ERROR) through core's toAuthError, with no secret in the message.
import { ErrorCode } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClientCredentialsFlow } from '../src/index.js'
import { errorText, expectNoLeak, rawLogger, rejection, startTinyServer, type TinyServer } from '@auth/dev-server/testing'

const SECRET = 'garbage-test-client-secret-0123456789'
type Answer = { status: number; type?: string; body: string }
let server: TinyServer
let answers: Record<string, Answer>

beforeAll(async () => {
  server = await startTinyServer((req, res) => {
    const answer = answers[req.url?.split('?')[0] ?? ''] ?? { status: 404, body: 'not found' }
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' })
    res.end(answer.body)
  })
})
afterAll(() => server.close())

const discovery = (extra: Record<string, unknown> = {}): Answer => ({
  status: 200,
  body: JSON.stringify({ issuer: server.url, token_endpoint: `${server.url}/token`, ...extra }),
})

async function fails(routes: Record<string, Answer>) {
  answers = routes
  const logger = rawLogger()
  const flow = createClientCredentialsFlow({ issuer: server.url, clientId: 'bot', secret: { value: SECRET, label: 'test' }, logger })
  const error = await rejection(() => flow.login({}))
  expectNoLeak(errorText(error), SECRET)
  expectNoLeak(logger.lines.join('\n'), SECRET)
  return error
}

describe('client credentials against a garbage server', () => {
  it.each<[string, () => Record<string, Answer>, string, RegExp]>([
    ['discovery is HTML', () => ({ '/.well-known/openid-configuration': { status: 200, type: 'text/html', body: '<html>' } }), ErrorCode.BAD_RESPONSE, /^discovery failed: unexpected response/],
    ['discovery is 404', () => ({}), ErrorCode.BAD_RESPONSE, /^discovery failed/],
    ['discovery names another issuer', () => ({ '/.well-known/openid-configuration': discovery({ issuer: 'https://evil.example' }) }), ErrorCode.BAD_RESPONSE, /^discovery failed/],
    [
      'the token endpoint answers HTML',
      () => ({ '/.well-known/openid-configuration': discovery(), '/token': { status: 200, type: 'text/html', body: '<html>' } }),
      ErrorCode.BAD_RESPONSE,
      /^token request failed/,
    ],
    ['the token endpoint answers 500', () => ({ '/.well-known/openid-configuration': discovery(), '/token': { status: 500, body: '{}' } }), ErrorCode.BAD_RESPONSE, /^token request failed/],
    [
      'access_token is a number',
      () => ({ '/.well-known/openid-configuration': discovery(), '/token': { status: 200, body: '{"access_token":42,"token_type":"bearer"}' } }),
      ErrorCode.BAD_RESPONSE,
      /^token request failed/,
    ],
    [
      'expires_in is a string',
      () => ({ '/.well-known/openid-configuration': discovery(), '/token': { status: 200, body: '{"access_token":"abc","token_type":"bearer","expires_in":"soon"}' } }),
      ErrorCode.BAD_RESPONSE,
      /^token request failed/,
    ],
    ['no token_type', () => ({ '/.well-known/openid-configuration': discovery(), '/token': { status: 200, body: '{"access_token":"abc"}' } }), ErrorCode.BAD_RESPONSE, /^token request failed/],
  ])('%s: exit 5', async (_name, routes, code, message) => {
    const error = await fails(routes())
    expect(error.code).toBe(code)
    expect(error.exitCode).toBe(5)
    expect(error.message).toMatch(message)
  })

  it('an OAuth error body with terminal escapes: exit 4, cleaned description', async () => {
    const error = await fails({
      '/.well-known/openid-configuration': discovery(),
      '/token': { status: 400, body: JSON.stringify({ error: 'unauthorized_client', error_description: `no\u001b[31m ${SECRET}` }) },
    })
    expect(error.code).toBe(ErrorCode.INVALID_CLIENT)
    expect(error.exitCode).toBe(4)
    expect(error.message).toBe('token request failed: the server answered unauthorized_client: no [31m ***')
    expect(error.hint).toContain('client id "bot", client_secret_basic with the secret from test')
  })

  it('a server that lists only private_key_jwt, given a secret: exit 2 before the token request', async () => {
    const before = server.requests.length
    const error = await fails({ '/.well-known/openid-configuration': discovery({ token_endpoint_auth_methods_supported: ['private_key_jwt'] }) })
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain('supports neither client_secret_basic nor client_secret_post')
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/.well-known/openid-configuration'])
  })

  it('revoke without a revocation endpoint does nothing', async () => {
    answers = { '/.well-known/openid-configuration': discovery() }
    const logger = rawLogger()
    const flow = createClientCredentialsFlow({ issuer: server.url, clientId: 'bot', secret: { value: SECRET, label: 'test' }, logger })
    await flow.revoke!({ accessToken: 'x', tokenType: 'Bearer', scopes: [], account: {}, flow: 'client-credentials', obtainedAt: 0 }, {})
    expect(logger.lines.at(-1)).toBe(`debug: ${new URL(server.url).host} offers no token revocation; nothing revoked`)
  })
})
