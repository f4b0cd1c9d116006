import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as oauth from 'oauth4webapi'
import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthError } from './auth-error.js'
import { AuthenticationError, CancelledError, ConfigError, NetworkError, NotFoundError, OAuthError, TimeoutError } from './classes.js'
import { toAuthError } from './from-oauth-client-error.js'

const BRAND = Symbol.for('@auth/core.AuthError')

function bodyError(error: string, description?: string, status = 400) {
  return new client.ResponseBodyError('server responded with an error in the response body', {
    cause: { error, ...(description !== undefined && { error_description: description }) },
    response: new Response(null, { status }),
  })
}

describe('toAuthError: ResponseBodyError', () => {
  it.each([
    ['access_denied', 'ACCESS_DENIED'],
    ['invalid_grant', 'INVALID_GRANT'],
    ['invalid_client', 'INVALID_CLIENT'],
    ['unauthorized_client', 'INVALID_CLIENT'],
    ['expired_token', 'DEVICE_CODE_EXPIRED'],
    ['invalid_token', 'INVALID_TOKEN'],
    ['insufficient_scope', 'INSUFFICIENT_SCOPE'],
    ['invalid_scope', 'OAUTH_ERROR'],
    ['server_error', 'OAUTH_ERROR'],
    ['toString', 'OAUTH_ERROR'],
  ])('maps %s to %s (exit 4)', (error, code) => {
    const out = toAuthError(bodyError(error, 'the reason'), { operation: 'refresh' })
    expect(OAuthError.isInstance(out)).toBe(true)
    const e = out as OAuthError
    expect(e.code).toBe(code)
    expect(e.exitCode).toBe(4)
    expect(e.error).toBe(error)
    expect(e.errorDescription).toBe('the reason')
    expect(e.status).toBe(400)
    expect(e.message).toBe(`refresh failed: the server answered ${error}: the reason`)
    expect(e.hint).toMatch(/^\S[^\n]*$/)
    expect(e.cause).toBeInstanceOf(client.ResponseBodyError)
  })

  it('cleans the server text: control characters, length, secrets', () => {
    const e = toAuthError(bodyError('invalid_grant', `bad\u001b[31m red\nrefresh_token=abc ${'x'.repeat(1000)}`)) as OAuthError
    expect(e.message).not.toMatch(/[\u0000-\u001f]/)
    expect(e.message).toContain('refresh_token=***')
    expect(e.message.length).toBeLessThan(400)
  })

  it('works without a description or status', () => {
    const e = toAuthError(Object.assign(new Error('x'), { name: 'ResponseBodyError', error: 'access_denied' })) as OAuthError
    expect(e.message).toBe('the server answered access_denied')
    expect(e.errorDescription).toBeUndefined()
    expect(e.status).toBeUndefined()
  })

  it('recognises the class by its code when a minifier renamed it', () => {
    const renamed = bodyError('invalid_grant')
    renamed.name = 'a'
    expect(toAuthError(renamed).code).toBe('INVALID_GRANT')
  })

  it('recognises minified client errors by their OAUTH_ code, and ignores prototype names', () => {
    const error = new client.ClientError('unexpected response content-type', { code: oauth.RESPONSE_IS_NOT_JSON } as never)
    error.name = 'b'
    expect(toAuthError(error).code).toBe('BAD_RESPONSE')
    expect(toAuthError(Object.assign(new Error('x'), { code: 'toString' })).code).toBe('INTERNAL_ERROR')
  })

  it('survives a body error with garbage fields', () => {
    const e = toAuthError({ name: 'ResponseBodyError', error: 42, error_description: {}, status: '400' }) as OAuthError
    expect(e.error).toBe('invalid_request')
    expect(e.code).toBe('OAUTH_ERROR')
  })
})

describe('toAuthError: WWWAuthenticateChallengeError', () => {
  const challenge = (header: string, status = 401) =>
    new client.WWWAuthenticateChallengeError('server responded with a challenge', {
      cause: [{ scheme: 'basic', parameters: { realm: 'x', ...parse(header) } }],
      response: new Response(null, { status, headers: { 'www-authenticate': header } }),
    })
  const parse = (header: string) => Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))

  it('maps a wrong client secret to INVALID_CLIENT', () => {
    const e = toAuthError(challenge('Basic error="invalid_client", error_description="client authentication failed"'), { operation: 'token request' }) as OAuthError
    expect(OAuthError.isInstance(e)).toBe(true)
    expect(e.code).toBe('INVALID_CLIENT')
    expect(e.exitCode).toBe(4)
    expect(e.status).toBe(401)
    expect(e.message).toBe('token request failed: the server refused the request with HTTP 401 (invalid_client): client authentication failed')
    expect(e.hint).toMatch(/client id and the client secret/)
  })

  it('maps a challenge without an error to INVALID_CLIENT', () => {
    const e = toAuthError(challenge('Basic realm="x"')) as OAuthError
    expect(e.code).toBe('INVALID_CLIENT')
    expect(e.error).toBe('invalid_client')
  })

  it('maps a bearer challenge by its error', () => {
    expect(toAuthError(challenge('Bearer error="invalid_token"')).code).toBe('INVALID_TOKEN')
    expect(toAuthError(challenge('Bearer error="insufficient_scope"', 403)).code).toBe('INSUFFICIENT_SCOPE')
  })

  it('survives a garbage cause', () => {
    expect(toAuthError({ name: 'WWWAuthenticateChallengeError', cause: 'nope' }).code).toBe('INVALID_CLIENT')
    expect(toAuthError({ name: 'WWWAuthenticateChallengeError', cause: [null, 5, { parameters: 'x' }] }).code).toBe('INVALID_CLIENT')
  })
})

describe('toAuthError: AuthorizationResponseError', () => {
  it('maps the redirect error', () => {
    const error = new client.AuthorizationResponseError('authorization response from the server is an error', {
      cause: new URLSearchParams({ error: 'access_denied', error_description: 'The user said no' }),
    })
    const e = toAuthError(error) as OAuthError
    expect(OAuthError.isInstance(e)).toBe(true)
    expect(e.code).toBe('ACCESS_DENIED')
    expect(e.message).toBe('the server answered access_denied: The user said no')
  })
})

describe('toAuthError: ClientError and OperationProcessingError', () => {
  it.each([
    oauth.RESPONSE_IS_NOT_JSON,
    oauth.INVALID_RESPONSE,
    oauth.RESPONSE_IS_NOT_CONFORM,
    oauth.JSON_ATTRIBUTE_COMPARISON,
    oauth.PARSE_ERROR,
    oauth.JWT_CLAIM_COMPARISON,
    oauth.MISSING_SERVER_METADATA,
    oauth.INVALID_SERVER_METADATA,
    oauth.KEY_SELECTION,
    oauth.UNSUPPORTED_OPERATION,
    'OAUTH_DECRYPTION_FAILED',
  ])('maps %s to BAD_RESPONSE (exit 5)', (code) => {
    for (const error of [new client.ClientError('unexpected', { code } as never), new oauth.OperationProcessingError('unexpected', { code })]) {
      const e = toAuthError(error, { host: 'https://auth.example.com' })
      expect(NetworkError.isInstance(e)).toBe(true)
      expect(e.code).toBe('BAD_RESPONSE')
      expect(e.exitCode).toBe(5)
      expect(e.message).toContain('https://auth.example.com')
    }
  })

  it('says to check the clock for JWT timestamps', () => {
    expect(toAuthError(new client.ClientError('x', { code: oauth.JWT_TIMESTAMP_CHECK } as never)).hint).toMatch(/clock/)
  })

  it('maps UnsupportedOperationError', () => {
    expect(toAuthError(new oauth.UnsupportedOperationError('unsupported `token_type` value')).code).toBe('BAD_RESPONSE')
  })

  it('includes the HTTP status when the cause is a response', () => {
    const error = new client.ClientError('unexpected HTTP response status code', { code: oauth.RESPONSE_IS_NOT_CONFORM, cause: new Response(null, { status: 502 }) } as never)
    expect(toAuthError(error).message).toContain('(HTTP 502)')
  })

  it('maps a forbidden http request to a ConfigError with the --insecure hint', () => {
    for (const code of [oauth.HTTP_REQUEST_FORBIDDEN, oauth.REQUEST_PROTOCOL_FORBIDDEN]) {
      const e = toAuthError(new client.ClientError('only requests to HTTPS are allowed', { code } as never))
      expect(ConfigError.isInstance(e)).toBe(true)
      expect(e.hint).toContain('--insecure')
    }
  })

  it('maps OAUTH_TIMEOUT and OAUTH_ABORT', () => {
    const timeout = toAuthError(new client.ClientError('operation timed out', { code: 'OAUTH_TIMEOUT' } as never), { host: 'h' })
    expect(TimeoutError.isInstance(timeout)).toBe(true)
    expect([timeout.code, timeout.exitCode]).toEqual(['NETWORK_TIMEOUT', 5])
    const abort = toAuthError(new client.ClientError('operation aborted', { code: 'OAUTH_ABORT' } as never))
    expect(CancelledError.isInstance(abort)).toBe(true)
    expect(abort.exitCode).toBe(130)
  })

  it('looks through a codeless ClientError at its cause', () => {
    const network = new client.ClientError('something went wrong', { cause: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }) })
    expect(toAuthError(network, { operation: 'discovery' })).toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5 })
    expect(toAuthError(network, { operation: 'discovery' }).message).toMatch(/^discovery failed: cannot reach/)
    expect(toAuthError(new client.ClientError('something went wrong', { cause: new RangeError('odd') })).code).toBe('INTERNAL_ERROR')
    expect(toAuthError(new client.ClientError('something went wrong')).code).toBe('INTERNAL_ERROR')
  })

  it('maps jose verification errors to BAD_RESPONSE', () => {
    expect(toAuthError(Object.assign(new Error('"exp" claim timestamp check failed'), { name: 'JWTExpired', code: 'ERR_JWT_EXPIRED' })).code).toBe('BAD_RESPONSE')
  })
})

describe('toAuthError: network failures', () => {
  const fetchFailed = (cause: object) => new TypeError('fetch failed', { cause })

  it.each([
    ['ECONNREFUSED', { code: 'ECONNREFUSED', address: '127.0.0.1', port: 8080 }, '127.0.0.1:8080', /connection refused/],
    ['ENOTFOUND', { code: 'ENOTFOUND', hostname: 'nope.example' }, 'nope.example', /does not resolve/],
    ['EAI_AGAIN', { code: 'EAI_AGAIN', hostname: 'h.example' }, 'h.example', /does not resolve/],
    ['ECONNRESET', { code: 'ECONNRESET', host: 'h.example' }, 'h.example', /closed/],
    ['UND_ERR_SOCKET', { code: 'UND_ERR_SOCKET', name: 'SocketError' }, 'the server', /closed/],
    ['CERT_HAS_EXPIRED', { code: 'CERT_HAS_EXPIRED' }, 'the server', /TLS/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'the server', /TLS/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', { code: 'ERR_TLS_CERT_ALTNAME_INVALID', host: 'h' }, 'h', /TLS/],
    ['EHOSTUNREACH', { code: 'EHOSTUNREACH', address: '10.0.0.1' }, '10.0.0.1', /unreachable/],
    ['UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', { code: 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH' }, 'the server', /failed/],
  ])('maps %s to NETWORK_ERROR naming the host', (code, cause, host, phrase) => {
    const e = toAuthError(fetchFailed(Object.assign(new Error('x'), cause)))
    expect(NetworkError.isInstance(e)).toBe(true)
    expect([e.code, e.exitCode]).toEqual(['NETWORK_ERROR', 5])
    expect(e.message).toContain(`cannot reach ${host}`)
    expect(e.message).toContain(`(${code})`)
    expect(e.message).toMatch(phrase)
  })

  it('prefers the host given in the context, and says TLS hints', () => {
    const e = toAuthError(fetchFailed({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), { host: 'https://auth.example.com' })
    expect(e.message).toBe('cannot reach https://auth.example.com: the TLS handshake failed (SELF_SIGNED_CERT_IN_CHAIN)')
    expect(e.hint).toMatch(/ca_file|NODE_EXTRA_CA_CERTS/)
  })

  it('finds codes in an AggregateError (happy eyeballs)', () => {
    const aggregate = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED', address: '::1', port: 1 })], 'all failed')
    expect(toAuthError(fetchFailed(aggregate)).code).toBe('NETWORK_ERROR')
  })

  it('maps connect and header timeouts to NETWORK_TIMEOUT', () => {
    for (const code of ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']) {
      const e = toAuthError(fetchFailed({ code }))
      expect(TimeoutError.isInstance(e)).toBe(true)
      expect([e.code, e.exitCode]).toEqual(['NETWORK_TIMEOUT', 5])
    }
  })

  it('maps any other "fetch failed" to NETWORK_ERROR', async () => {
    const badPort = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e)
    const e = toAuthError(badPort, { host: 'http://127.0.0.1:1' })
    expect([e.code, e.exitCode]).toEqual(['NETWORK_ERROR', 5])
    expect(e.message).toBe('cannot reach http://127.0.0.1:1: the request failed (bad port)')
    expect(toAuthError(new TypeError('fetch failed')).code).toBe('NETWORK_ERROR')
    expect(toAuthError(new TypeError('fetch went wrong')).code).toBe('INTERNAL_ERROR')
  })

  it('maps a raw system error too', () => {
    expect(toAuthError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code).toBe('NETWORK_ERROR')
  })

  it('stops at a cause cycle', () => {
    const a: Record<string, unknown> = { message: 'a' }
    a['cause'] = a
    expect(toAuthError(a).code).toBe('INTERNAL_ERROR')
  })
})

describe('toAuthError: abort and timeout', () => {
  it('maps AbortError to CancelledError (exit 130)', () => {
    const e = toAuthError(new DOMException('This operation was aborted', 'AbortError'), { operation: 'login' })
    expect(CancelledError.isInstance(e)).toBe(true)
    expect([e.code, e.exitCode, e.message]).toEqual(['CANCELLED', 130, 'login failed: cancelled'])
  })

  it('maps TimeoutError to NETWORK_TIMEOUT (exit 5)', () => {
    const e = toAuthError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), { host: 'https://h' })
    expect(TimeoutError.isInstance(e)).toBe(true)
    expect([e.code, e.exitCode]).toEqual(['NETWORK_TIMEOUT', 5])
    expect(e.message).toBe('https://h did not answer in time')
  })

  it('maps an AbortSignal.abort() reason', () => {
    const signal = AbortSignal.abort()
    expect(toAuthError(signal.reason).code).toBe('CANCELLED')
  })
})

describe('toAuthError: everything else', () => {
  it('passes an AuthError through unchanged, also from another copy', () => {
    const own = new AuthenticationError('x')
    expect(toAuthError(own)).toBe(own)
    const nf = new NotFoundError('y')
    expect(toAuthError(nf)).toBe(nf)
    const foreign = Object.assign(new Error('z'), { [BRAND]: ['AuthError'], code: 'X', exitCode: 1 })
    expect(toAuthError(foreign)).toBe(foreign)
  })

  it.each([
    [new Error('boom'), 'unexpected error: boom'],
    [new TypeError('x is not a function'), 'unexpected error: x is not a function'],
    ['a string', 'unexpected error: a string'],
    [undefined, 'unexpected error: undefined'],
    [null, 'unexpected error: null'],
    [42, 'unexpected error: 42'],
    [Object.create(null), 'unexpected error: object'],
    [{ message: 'Authorization: Bearer abc' }, 'unexpected error: Authorization: Bearer ***'],
  ])('maps %j to INTERNAL_ERROR (exit 1)', (input, message) => {
    const e = toAuthError(input)
    expect(AuthError.isInstance(e)).toBe(true)
    expect([e.code, e.exitCode]).toEqual(['INTERNAL_ERROR', 1])
    expect(e.message).toBe(message)
    expect(e.cause).toBe(input)
  })

  it('maps openid-client argument errors (a bug) to INTERNAL_ERROR', async () => {
    const error = await client.discovery('not a URL' as never, 'id').catch((e: unknown) => e)
    expect(toAuthError(error).code).toBe('INTERNAL_ERROR')
  })

  it('survives a garbage context', () => {
    expect(toAuthError(new Error('x'), null as never).message).toBe('unexpected error: x')
    expect(toAuthError(new Error('x'), { operation: 5 as never, host: {} as never }).message).toBe('unexpected error: x')
  })
})

describe('toAuthError with real openid-client calls', () => {
  let server: Server
  let base: string
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
  const insecure = { execute: [client.allowInsecureRequests] }

  beforeAll(async () => {
    server = createServer((req, res) => handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const metadata = () => ({ issuer: base, token_endpoint: `${base}/token`, authorization_endpoint: `${base}/authorize` })
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const serve = (token: (res: ServerResponse) => void) => {
    handle = (req, res) => (req.url?.startsWith('/.well-known/') ? json(res, 200, metadata()) : token(res))
  }
  const config = () => client.discovery(new URL(base), 'cli', 'wrong-secret', client.ClientSecretPost('wrong-secret'), insecure)
  const caught = (p: Promise<unknown>) =>
    p.then(
      () => expect.unreachable(),
      (e: unknown) => e,
    )

  it('an OAuth error body → OAuthError INVALID_GRANT', async () => {
    serve((res) => json(res, 400, { error: 'invalid_grant', error_description: 'grant request is invalid' }))
    const error = await caught(client.refreshTokenGrant(await config(), 'rt'))
    expect(error).toBeInstanceOf(client.ResponseBodyError)
    expect(toAuthError(error, { operation: 'refresh' })).toMatchObject({ code: 'INVALID_GRANT', exitCode: 4, message: 'refresh failed: the server answered invalid_grant: grant request is invalid' })
  })

  it('a 401 with WWW-Authenticate (wrong client secret) → OAuthError INVALID_CLIENT', async () => {
    serve((res) => json(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="x", error="invalid_client", error_description="client authentication failed"' }))
    const error = await caught(client.clientCredentialsGrant(await config()))
    expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError)
    const e = toAuthError(error)
    expect(e).toMatchObject({ code: 'INVALID_CLIENT', exitCode: 4 })
    expect(e.message).toContain('client authentication failed')
    expect(e.message).not.toContain('wrong-secret')
  })

  it('an unsupported token type → BAD_RESPONSE', async () => {
    serve((res) => json(res, 200, { access_token: 'at', token_type: 'mac' }))
    const error = await caught(client.clientCredentialsGrant(await config()))
    expect(toAuthError(error)).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 5 })
  })

  it('a server that calls itself another issuer → BAD_RESPONSE naming both, with the issuer to use as hint params', async () => {
    handle = (_req, res) => json(res, 200, { ...metadata(), issuer: 'http://127.0.0.1:9/other' })
    const asked = base.replace('127.0.0.1', 'localhost')
    const error = await caught(client.discovery(new URL(asked), 'cli', undefined, undefined, insecure))
    const e = toAuthError(error, { operation: 'discovery', host: 'localhost' })
    expect(e).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 5, hintKey: 'issuer-mismatch', hintParams: { asked: `${asked}/`, named: 'http://127.0.0.1:9/other' } })
    expect(e.message).toBe(`discovery failed: localhost calls itself http://127.0.0.1:9/other, not ${asked}/ as asked (the "issuer" of its metadata must match)`)
    expect(e.hint).toBe('use the issuer the server names, http://127.0.0.1:9/other (the "issuer" option), if you trust it')
  })

  it('an issuer that is not a plain http(s) URL is named (cleaned) but never suggested', async () => {
    handle = (_req, res) => json(res, 200, { ...metadata(), issuer: 'javascript:alert(1)\u001b[2J' })
    const error = await caught(client.discovery(new URL(base.replace('127.0.0.1', 'localhost')), 'cli', undefined, undefined, insecure))
    const e = toAuthError(error, { operation: 'discovery' })
    expect(e).toMatchObject({ code: 'BAD_RESPONSE', hint: 'check the host and issuer URLs', hintKey: undefined })
    expect(e.message).not.toContain('\u001b')
  })

  it('https to a server that answers plain HTTP → NETWORK_ERROR saying so, naming the http:// URL for loopback', async () => {
    const port = (server.address() as AddressInfo).port
    const error = await caught(client.discovery(new URL(`https://localhost:${port}`), 'cli'))
    const e = toAuthError(error, { operation: 'discovery', host: `localhost:${port}` })
    expect(e).toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5, hintKey: 'plain-http-server', hintParams: { url: `http://localhost:${port}` } })
    expect(e.message).toBe(`discovery failed: cannot reach localhost:${port} over https: it answers plain HTTP (ERR_SSL_WRONG_VERSION_NUMBER)`)
    expect(e.hint).toBe(`use http://localhost:${port} (plain http is allowed to loopback)`)
    // Not loopback: no http:// suggestion.
    expect(toAuthError(error, { host: 'api.example.com' })).toMatchObject({ hintKey: undefined })
  })

  it('an HTML discovery page → BAD_RESPONSE', async () => {
    handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>')
    }
    const error = await caught(config())
    expect(error).toBeInstanceOf(client.ClientError)
    expect((error as client.ClientError).code).toBe(oauth.RESPONSE_IS_NOT_JSON)
    expect(toAuthError(error, { host: base })).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 5 })
  })

  it('a 404 discovery → BAD_RESPONSE with the status', async () => {
    handle = (_req, res) => {
      res.writeHead(404)
      res.end()
    }
    const e = toAuthError(await caught(config()))
    expect(e.code).toBe('BAD_RESPONSE')
    expect(e.message).toContain('HTTP 404')
  })

  it('a discovery document for another issuer → BAD_RESPONSE', async () => {
    handle = (_req, res) => json(res, 200, { ...metadata(), issuer: 'https://evil.example' })
    const error = await caught(config())
    expect((error as client.ClientError).code).toBe(oauth.JSON_ATTRIBUTE_COMPARISON)
    expect(toAuthError(error).code).toBe('BAD_RESPONSE')
  })

  it('plain http without allowInsecureRequests → ConfigError with --insecure', async () => {
    const e = toAuthError(await caught(client.discovery(new URL(base), 'cli')))
    expect(ConfigError.isInstance(e)).toBe(true)
    expect(e.hint).toContain('--insecure')
  })

  it('an error in the authorization redirect → OAuthError ACCESS_DENIED', async () => {
    serve((res) => res.end())
    const redirect = new URL(`${base}/cb?error=access_denied&error_description=denied+by+user&state=s1`)
    const error = await caught(client.authorizationCodeGrant(await config(), redirect, { expectedState: 's1', pkceCodeVerifier: 'v'.repeat(43) }))
    expect(error).toBeInstanceOf(client.AuthorizationResponseError)
    expect(toAuthError(error)).toMatchObject({ code: 'ACCESS_DENIED', message: 'the server answered access_denied: denied by user' })
  })

  it('a refused connection → NETWORK_ERROR naming the host', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const error = await caught(client.discovery(new URL(`http://127.0.0.1:${port}`), 'cli', undefined, undefined, insecure))
    const e = toAuthError(error, { operation: 'discovery' })
    expect(e).toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5 })
    expect(e.message).toBe(`discovery failed: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)`)
  })

  it('a server that does not answer in time → NETWORK_TIMEOUT', async () => {
    handle = () => {}
    const error = await caught(client.discovery(new URL(base), 'cli', undefined, undefined, { ...insecure, timeout: 0.2 }))
    expect(toAuthError(error, { host: base })).toMatchObject({ code: 'NETWORK_TIMEOUT', exitCode: 5 })
  })

  it('an aborted call → CANCELLED', async () => {
    handle = () => {}
    const controller = new AbortController()
    const pending = caught(fetch(base, { signal: controller.signal }))
    controller.abort()
    expect(toAuthError(await pending)).toMatchObject({ code: 'CANCELLED', exitCode: 130 })
  })
})

describe('toAuthError: server outages', () => {
  it('a 5xx or 429 that is not an OAuth answer says to try again later (exit 5)', () => {
    for (const status of [500, 503, 429]) {
      const error = Object.assign(new Error('"response" is not a conform Token Endpoint response (unexpected HTTP status code)'), {
        name: 'OperationProcessingError',
        code: 'OAUTH_RESPONSE_IS_NOT_CONFORM',
        cause: { status },
      })
      const mapped = toAuthError(error)
      expect(mapped.exitCode).toBe(5)
      expect(mapped.code).toBe('BAD_RESPONSE')
      expect(mapped.hint).toContain('try again later')
    }
  })
})
