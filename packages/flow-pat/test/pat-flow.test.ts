import { Readable } from 'node:stream'
import { AuthenticationError, CancelledError, ErrorCode, NetworkError, type LoginStdin, type Output } from '@auth/core'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ARGV_TOKEN_WARNING, createPatFlow, type PatFlowOptions } from '../src/index.js'
import { deviceAccessToken } from './_device-token.js'
import { closedPort, errorText, expectNoLeak, rawLogger, rejection } from '@auth/dev-server/testing'

let server: DevServer
let profileUrl: string

beforeAll(async () => {
  server = await startDevServer({ port: 0 })
  profileUrl = `${server.issuer}/api/v1/profile`
})
afterAll(() => server.close())
beforeEach(() => server.resetCounters())

/** A piped (not a terminal) stdin holding `chunks`. */
function piped(...chunks: string[]): LoginStdin {
  return Readable.from(chunks.map((c) => Buffer.from(c)))
}

function recorder(): Output & { warnings: string[]; infos: string[] } {
  const warnings: string[] = []
  const infos: string[] = []
  return { warnings, infos, warn: (m) => void warnings.push(m), info: (m) => void infos.push(m) }
}

/** Logs in with a raw (unmasking) logger and checks that the token shows nowhere. */
async function login(token: string, options: Partial<PatFlowOptions> = {}, source?: string) {
  const logger = rawLogger()
  const output = recorder()
  const flow = createPatFlow({ host: server.issuer, profileUrl, logger, ...options })
  try {
    const credential = await flow.login({ output, input: { token, ...(source !== undefined && { source }) } })
    return { credential, logger, output }
  } finally {
    expectNoLeak(logger.lines.join('\n'), token)
    expectNoLeak([...output.warnings, ...output.infos].join('\n'), token)
  }
}

async function loginFails(token: string, options: Partial<PatFlowOptions> = {}, source?: string) {
  const error = await rejection(() => login(token, options, source))
  expectNoLeak(errorText(error), token)
  return error
}

describe('createPatFlow against the dev server', () => {
  it('validates a token and captures the account and scopes', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const { credential, logger } = await login(token)
    expect(credential).toEqual({
      accessToken: token,
      tokenType: 'Bearer',
      scopes: ['api:read'],
      account: { login: 'alice', name: 'Alice', email: 'alice@example.test' },
      flow: 'pat',
      obtainedAt: expect.any(Number),
    })
    expect(credential.expiresAt).toBeUndefined()
    expect(server.counters()['profile']).toBe(1)
    expect(logger.lines.map((l) => l.replace(/ \(\d+ ms\)$/, ''))).toContain(`debug: HTTP GET ${profileUrl} -> 200`)
  })

  it('reads the token from a piped stdin at login, trimming the newline and a Bearer prefix', async () => {
    const token = server.mintPat({ login: 'bob', scopes: ['api:write', 'api:read'], name: 'Bob B', email: 'bob@corp.test' })
    const flow = createPatFlow({ host: server.issuer, profileUrl: '/api/v1/profile' })
    const credential = await flow.login({ now: () => 1234, stdin: piped('Bearer ', `${token}\n`) })
    expect(credential.accessToken).toBe(token)
    expect(credential.account).toEqual({ login: 'bob', name: 'Bob B', email: 'bob@corp.test' })
    expect(credential.scopes).toEqual(['api:write', 'api:read'])
    expect(credential.obtainedAt).toBe(1234)
  })

  it('sends the tenant header and records the tenant', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const seen: Headers[] = []
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers))
      return fetch(input, init)
    }
    const { credential } = await login(token, { tenant: 'acme', tenantHeader: 'X-Org', fetch: spy, profileUrl: `${server.issuer}/api/v1/echo` })
    expect(seen[0]?.get('x-org')).toBe('acme')
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${token}`)
    expect(credential.tenant).toBe('acme')
    expect(credential.account.login).toBe('alice')
  })

  it('warns about argv when the input source is a command-line option, and only then', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    expect((await login(token, {}, '--token')).output.warnings).toEqual([ARGV_TOKEN_WARNING])
    expect(ARGV_TOKEN_WARNING).toMatch(/visible to other users.*shell history/)
    expect((await login(token, {}, 'MYCLI_TOKEN')).output.warnings).toEqual([])
    expect((await login(token)).output.warnings).toEqual([])
  })

  it('refuses an unknown token: 401, INVALID_TOKEN, exit 4', async () => {
    const token = `dvp_${'Z'.repeat(32)}`
    const error = await loginFails(token)
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(error.exitCode).toBe(4)
    expect(error.message).toBe(`invalid token: ${profileUrl} refused it (HTTP 401: the access token is invalid or revoked)`)
    expect(error.hint).toMatch(/expired or revoked/)
  })

  it('refuses a revoked token', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    server.revokePat(token)
    const error = await loginFails(token)
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
  })

  it('refuses an expired token', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'], expiresIn: 0.05 })
    await new Promise((resolve) => setTimeout(resolve, 80))
    const error = await loginFails(token)
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(error.exitCode).toBe(4)
  })

  it('refuses a scopeless token: 403, INSUFFICIENT_SCOPE, listing the scopes the server reported', async () => {
    const token = server.mintPat({ login: 'alice', scopes: [] })
    const error = await loginFails(token)
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.INSUFFICIENT_SCOPE)
    expect(error.exitCode).toBe(4)
    expect(error.message).toBe(`the token lacks the scopes ${profileUrl} requires (HTTP 403; the token has no scopes; accepted: api:read, api:write, openid, profile)`)
    expect(error.hint).toBe('create a token with one of: api:read, api:write, openid, profile; a token created without scopes is refused everywhere')
  })

  it('refuses an empty or multi-line token before any request', async () => {
    for (const input of ['', '  \n', 'a\nb']) {
      const error = await loginFails(input, {}, 'the --token option')
      expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
      expect(error.message).toMatch(/the token from the --token option (is empty|holds more than one line)/)
    }
    expect(server.counters()['profile']).toBeUndefined()
  })

  it('fails with exit 5 when the server is down, and returns nothing', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const port = await closedPort()
    const error = await loginFails(token, { host: `http://127.0.0.1:${port}`, profileUrl: '/api/v1/profile' })
    expect(NetworkError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.NETWORK_ERROR)
    expect(error.exitCode).toBe(5)
    expect(error.message).toBe(`token validation failed: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)`)
  })

  it('stops when the signal aborts', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const controller = new AbortController()
    controller.abort()
    const flow = createPatFlow({ host: server.issuer, profileUrl })
    const error = await rejection(() => flow.login({ signal: controller.signal, input: { token } }))
    expect(CancelledError.isInstance(error)).toBe(true)
    expect(error.exitCode).toBe(130)
  })
})

describe('the profile URL from OIDC discovery', () => {
  it('validates against the userinfo endpoint when only the issuer is known', async () => {
    const token = await deviceAccessToken(server, 'carol')
    server.resetCounters()
    const { credential } = await login(token, { profileUrl: undefined, issuer: server.issuer })
    expect(credential.account).toEqual({ login: 'carol', name: 'Carol', email: 'carol@example.test', id: 'carol' })
    expect(credential.scopes).toEqual([])
    expect(server.counters()).toMatchObject({ discovery: 1, userinfo: 1 })
    expect(server.counters()['profile']).toBeUndefined()
  })

  it('refuses a token the userinfo endpoint refuses, naming that endpoint and the "profileUrl" option, with its hint key', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const error = await loginFails(token, { profileUrl: undefined, issuer: server.issuer })
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN)
    expect(error.message).toContain(`invalid token: ${server.issuer}/me (the issuer's OpenID userinfo, the default identity endpoint) refused it (HTTP 401`)
    expect(error.hint).toMatch(/set the "profileUrl" option to its profile endpoint; else the token is mistyped, expired or revoked$/)
    expect((error as { hintKey?: string }).hintKey).toBe('userinfo-refused-token')
    // The same token passes once the API's profile endpoint is named.
    const { credential } = await login(token, { profileUrl: `${server.issuer}/api/v1/profile`, issuer: server.issuer })
    expect(credential.account).toMatchObject({ login: 'alice' })
  })

  it('keeps the plain INVALID_TOKEN hint when the product named the profile URL', async () => {
    const error = await loginFails('dvp_not-a-real-token', { profileUrl: `${server.issuer}/api/v1/profile` })
    expect(error.hint).toBe('the token is mistyped, expired or revoked; create a new one and log in again')
    expect((error as { hintKey?: string }).hintKey).toBeUndefined()
  })

  it('fails with exit 5 when the issuer is down', async () => {
    const port = await closedPort()
    const error = await loginFails(server.mintPat({ login: 'alice', scopes: ['api:read'] }), { profileUrl: undefined, issuer: `http://127.0.0.1:${port}` })
    expect(error.code).toBe(ErrorCode.NETWORK_ERROR)
    expect(error.message).toMatch(/^discovery failed: cannot reach/)
  })

  it('saves without validation, with a warning, when no profile URL is known', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const { credential, output } = await login(token, { profileUrl: undefined })
    expect(output.warnings).toEqual([`the token for ${server.issuer} was not validated: no profile URL is known; set the "profileUrl" (or "issuer") option to check tokens before saving`])
    expect(credential).toMatchObject({ accessToken: token, account: {}, scopes: [], flow: 'pat' })
    expect(server.counters()['profile']).toBeUndefined()
  })
})
