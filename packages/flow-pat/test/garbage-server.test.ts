// validatePat and the flow against a real local server that answers garbage.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AuthenticationError, ErrorCode, NetworkError } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPatFlow, validatePat } from '../src/index.js'
import { errorText, expectNoLeak, rawLogger, rejection, startTinyServer, type TinyServer } from '@auth/dev-server/testing'

const TOKEN = 'tok_GarbageServerSecret_0123456789'
type Answer = { status: number; headers?: Record<string, string>; body?: string }
const routes: Record<string, Answer> = {}
let server: TinyServer
let other: TinyServer

beforeAll(async () => {
  server = await startTinyServer((req: IncomingMessage, res: ServerResponse) => {
    const answer = routes[req.url ?? ''] ?? { status: 404, body: 'not found' }
    res.writeHead(answer.status, answer.headers ?? {})
    res.end(answer.body ?? '')
  })
  other = await startTinyServer((_req, res) => res.end('{"login":"mallory"}'))
})
afterAll(async () => {
  await server.close()
  await other.close()
})

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
})

async function validate(path: string, answer: Answer) {
  routes[path] = answer
  const logger = rawLogger()
  const error = await rejection(() => validatePat({ url: `${server.url}${path}`, token: TOKEN, logger }))
  expectNoLeak(errorText(error), TOKEN)
  expectNoLeak(logger.lines.join('\n'), TOKEN)
  return error
}

describe('validatePat against a garbage server', () => {
  it.each<[string, Answer, string]>([
    ['/html', { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><h1>Sign in</h1>' }, 'the body is not JSON (text/html)'],
    ['/empty', { status: 200 }, 'the body is not JSON (no content-type)'],
    ['/truncated', json(200, '{"login":"al'), 'the body is not JSON (application/json)'],
    ['/array', json(200, [{ login: 'alice' }]), 'the body is not a JSON object'],
    ['/string', json(200, '"alice"'), 'the body is not a JSON object'],
    ['/null', json(200, 'null'), 'the body is not a JSON object'],
    ['/number-login', json(200, { login: 42 }), '"login" must be a string'],
    ['/object-email', json(200, { login: 'a', email: { at: 'x' } }), '"email" must be a string'],
    ['/no-account', json(200, { ok: true }), 'the body names no account'],
    ['/escape', json(200, { login: 'a\u001b]0;pwned\u0007' }), 'without control characters'],
    ['/scopes-string', json(200, { login: 'a', scopes: 'api:read' }), '"scopes" must be an array of strings'],
    ['/scope-header', json(200, { login: 'a' }, { 'x-oauth-scopes': 'a,"b"' }), 'a scope has characters'],
    ['/expiry', json(200, { login: 'a', expires_at: 'soon' }), 'the token expiry is not a date'],
    ['/redirect', { status: 302, headers: { location: 'http://127.0.0.1:1/steal' } }, 'HTTP 302 redirect (the token is not sent to another URL)'],
    ['/not-found', json(404, { message: 'Not Found' }), 'HTTP 404: Not Found'],
    ['/teapot', { status: 418, body: 'I am a teapot' }, 'HTTP 418'],
    ['/huge', json(200, `{"login":"a","pad":"${'x'.repeat(1_100_000)}"}`), `the body is larger than ${1 << 20} bytes`],
    ['/bidi-login', json(200, { login: 'adm\u202Enimda' }), 'without control characters'],
  ])('%s: BAD_RESPONSE, exit 5', async (path, answer, fragment) => {
    const error = await validate(path, answer)
    expect(NetworkError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.BAD_RESPONSE)
    expect(error.exitCode).toBe(5)
    expect(error.message).toMatch(new RegExp(`^unexpected response from ${server.url}${path}: `))
    expect(error.message).toContain(fragment)
  })

  it('does not follow a redirect to another server (the token would go with it)', async () => {
    routes['/moved'] = { status: 301, headers: { location: `${other.url}/user` } }
    await rejection(() => validatePat({ url: `${server.url}/moved`, token: TOKEN }))
    expect(other.requests).toEqual([])
  })

  it.each<[string, Answer]>([
    ['/down', { status: 503, body: 'maintenance' }],
    ['/rate', json(429, { message: 'slow down' })],
    ['/rate-limited', json(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' })],
  ])('%s: NETWORK_ERROR, exit 5', async (path, answer) => {
    const error = await validate(path, answer)
    expect(error.code).toBe(ErrorCode.NETWORK_ERROR)
    expect(error.exitCode).toBe(5)
    expect(error.message).toContain(`${server.url}${path} answered HTTP ${answer.status}`)
  })

  it('401 with an HTML body and a bare challenge', async () => {
    const error = await validate('/html-401', { status: 401, headers: { 'www-authenticate': 'Bearer realm="x"', 'content-type': 'text/html' }, body: '<html>no</html>' })
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(error.message).toBe(`invalid token: ${server.url}/html-401 refused it (HTTP 401)`)
  })

  it('401 with a GitHub-style body, masking a token the server echoes', async () => {
    const error = await validate('/gh-401', json(401, { message: `Bad credentials for ${TOKEN}`, documentation_url: 'https://docs' }))
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(error.message).toBe(`invalid token: ${server.url}/gh-401 refused it (HTTP 401: Bad credentials for ***)`)
  })

  it('401 with terminal escapes in the description', async () => {
    const error = await validate('/weird-401', json(401, { error_description: 'gone\u001b[2J\r\nerror: forged line' }))
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(error.message).toBe(`invalid token: ${server.url}/weird-401 refused it (HTTP 401: gone [2J error: forged line)`)
  })

  it('403 naming scopes only in the challenge', async () => {
    const error = await validate('/403', { status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="repo read:org"' } })
    expect(error.code).toBe(ErrorCode.INSUFFICIENT_SCOPE)
    expect(error.message).toBe(`the token lacks the scopes ${server.url}/403 requires (HTTP 403; accepted: repo, read:org)`)
    expect(error.hint).toBe('create a token with one of: repo, read:org; a token created without scopes is refused everywhere')
  })

  it('403 naming no scopes at all', async () => {
    const error = await validate('/403-bare', { status: 403, body: 'forbidden' })
    expect(error.code).toBe(ErrorCode.INSUFFICIENT_SCOPE)
    expect(error.hint).toBe('create a token with the scopes this API needs; a token created without scopes is refused everywhere')
  })

  it('accepts a GitHub-style 2xx with an expiry header', async () => {
    routes['/user'] = json(200, { login: 'octocat', id: 1, name: null }, { 'x-oauth-scopes': 'repo, gist', 'github-authentication-token-expiration': '2030-05-06 07:08:09 UTC' })
    const profile = await validatePat({ url: `${server.url}/user`, token: TOKEN })
    expect(profile).toEqual({ login: 'octocat', id: '1', scopes: ['repo', 'gist'], expiresAt: Date.UTC(2030, 4, 6, 7, 8, 9) })
    const flow = createPatFlow({ host: server.url, profileUrl: '/user' })
    expect((await flow.login({ input: { token: TOKEN } })).expiresAt).toBe(Date.UTC(2030, 4, 6, 7, 8, 9))
  })

  it('gives up on a server that never answers when the signal aborts (exit 130)', async () => {
    const hanging = await startTinyServer(() => {})
    try {
      const error = await rejection(() => validatePat({ url: `${hanging.url}/user`, token: TOKEN, signal: AbortSignal.timeout(50) }))
      expect(error.exitCode).toBe(5)
      expect(error.code).toBe(ErrorCode.NETWORK_TIMEOUT)
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 30)
      const cancelled = await rejection(() => validatePat({ url: `${hanging.url}/user`, token: TOKEN, signal: controller.signal }))
      expect(cancelled.code).toBe(ErrorCode.CANCELLED)
      expect(cancelled.exitCode).toBe(130)
    } finally {
      await hanging.close()
    }
  })

  it('refuses bad arguments with exit 2', async () => {
    for (const options of [
      { url: `${server.url}/user`, token: '' },
      { url: `${server.url}/user`, token: 'a b' },
      { url: 'http://example.com/user', token: TOKEN },
      { url: 'nope', token: TOKEN },
    ]) {
      const error = await rejection(() => validatePat(options))
      expect(error.exitCode).toBe(2)
      expectNoLeak(errorText(error), TOKEN)
    }
  })
})

describe('discovery against a garbage server', () => {
  const flowError = async (issuerPath: string) => {
    const flow = createPatFlow({ host: server.url, issuer: `${server.url}${issuerPath}` })
    const error = await rejection(() => flow.login({ input: { token: TOKEN } }))
    expectNoLeak(errorText(error), TOKEN)
    return error
  }

  it.each<[string, Answer, string]>([
    ['/html-issuer', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }, 'the discovery document is not a JSON object'],
    ['/wrong-issuer', json(200, { issuer: 'https://evil.example', userinfo_endpoint: 'https://evil.example/me' }), '"issuer" does not match the issuer URL'],
    ['/no-issuer', json(200, { userinfo_endpoint: 'x' }), '"issuer" does not match'],
    ['/bad-userinfo', json(200, { issuer: 'ISSUER', userinfo_endpoint: 42 }), '"userinfo_endpoint" must be a string'],
    ['/http-userinfo', json(200, { issuer: 'ISSUER', userinfo_endpoint: 'http://evil.example/me' }), '"userinfo_endpoint" is not an https URL'],
  ])('%s: BAD_RESPONSE', async (path, answer, fragment) => {
    routes[`${path}/.well-known/openid-configuration`] = { ...answer, body: (answer.body ?? '').replaceAll('ISSUER', `${server.url}${path}`) }
    const error = await flowError(path)
    expect(error.code).toBe(ErrorCode.BAD_RESPONSE)
    expect(error.exitCode).toBe(5)
    expect(error.message).toContain(fragment)
  })

  it('a server without discovery (404): saved unvalidated, with a warning', async () => {
    const warnings: string[] = []
    const flow = createPatFlow({ host: server.url, issuer: `${server.url}/plain` })
    const credential = await flow.login({ input: { token: TOKEN }, output: { info: () => {}, warn: (m) => void warnings.push(m) } })
    expect(credential.accessToken).toBe(TOKEN)
    expect(warnings[0]).toMatch(/was not validated/)
  })

  it('a discovery document without userinfo_endpoint: saved unvalidated, with a warning', async () => {
    routes['/oauth-only/.well-known/openid-configuration'] = json(200, { issuer: `${server.url}/oauth-only/` })
    const warnings: string[] = []
    const flow = createPatFlow({ host: server.url, issuer: `${server.url}/oauth-only` })
    await flow.login({ input: { token: TOKEN }, output: { info: () => {}, warn: (m) => void warnings.push(m) } })
    expect(warnings).toHaveLength(1)
  })

  it('discovery answering 500: NETWORK_ERROR, nothing saved', async () => {
    routes['/broken/.well-known/openid-configuration'] = { status: 500 }
    const error = await flowError('/broken')
    expect(error.code).toBe(ErrorCode.NETWORK_ERROR)
    expect(error.exitCode).toBe(5)
  })
})
