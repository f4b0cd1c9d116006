import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuthenticationError, CancelledError, createAuth, createMemoryStore, credentialKey, ErrorCode, NetworkError, OAuthError, type Credential } from '@auth/core'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClientCredentialsFlow, type ClientCredentialsFlowOptions } from '../src/index.js'
import { closedPort, errorText, expectNoLeak, rawLogger, rejection } from '@auth/dev-server/testing'

let server: DevServer
let dir: string
let secret: string
let keyLines: string[]

beforeAll(async () => {
  server = await startDevServer({ port: 0 })
  secret = server.clients.confidential.clientSecret
  keyLines = server.clients.jwt.privateKeyPem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'))
  dir = await mkdtemp(join(tmpdir(), 'cc-it-'))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})
beforeEach(() => server.resetCounters())

// Every logger a test made: after each test, none of its lines may hold a secret.
const loggers: ReturnType<typeof rawLogger>[] = []
afterEach(() => {
  for (const logger of loggers.splice(0)) {
    expectNoSecrets(logger.lines.join('\n'))
  }
})

async function file(name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, content, { mode })
  await chmod(path, mode)
  return path
}

/** Every secret this suite knows: the client secret, the private key, the given tokens. */
function expectNoSecrets(text: string, ...tokens: string[]): void {
  for (const value of [secret, ...keyLines, ...tokens]) expectNoLeak(text, value)
}

function flowFor(options: Partial<ClientCredentialsFlowOptions> = {}) {
  const logger = rawLogger()
  loggers.push(logger)
  const flow = createClientCredentialsFlow({
    issuer: server.issuer,
    clientId: server.clients.confidential.clientId,
    secret: { env: 'AUTHCLI_CLIENT_SECRET' },
    env: { AUTHCLI_CLIENT_SECRET: secret },
    scopes: ['api:read'],
    logger,
    ...options,
  })
  return { flow, logger }
}

async function profile(token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function loginFails(options: Partial<ClientCredentialsFlowOptions>) {
  const { flow, logger } = flowFor(options)
  const error = await rejection(() => flow.login({}))
  expectNoSecrets(errorText(error))
  expectNoSecrets(logger.lines.join('\n'))
  return error
}

describe('client_secret_basic', () => {
  it('gets a token the API accepts; the credential holds no secret', async () => {
    const { flow, logger } = flowFor()
    const credential = await flow.login({ now: () => 5_000 })
    expect(credential).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      scopes: ['api:read'],
      account: { login: 'authcli-confidential', id: 'authcli-confidential' },
      flow: 'client-credentials',
      issuer: server.issuer,
      clientId: 'authcli-confidential',
      obtainedAt: 5_000,
      expiresAt: 5_000 + 3_600_000,
    })
    expectNoSecrets(JSON.stringify(credential))
    expect(await profile(credential.accessToken)).toEqual({
      status: 200,
      body: { login: 'authcli-confidential', name: 'authcli-confidential', email: null, scopes: ['api:read'], tokenType: 'client_credentials', clientId: 'authcli-confidential' },
    })
    expect(server.counters()).toMatchObject({ discovery: 1, client_credentials: 1 })
    expect(logger.lines.map((l) => l.replace(/ \(\d+ ms\)$/, ''))).toEqual([
      `debug: HTTP GET ${server.issuer}/.well-known/openid-configuration -> 200`,
      `debug: HTTP POST ${server.issuer}/token -> 200`,
    ])
    expectNoSecrets(logger.lines.join('\n'), credential.accessToken)
  })

  it('is picked from the server metadata when authMethod is omitted, and sent as a Basic header', async () => {
    const bodies: string[] = []
    const headers: Headers[] = []
    const spy: typeof fetch = (input, init) => {
      bodies.push(String(init?.body ?? ''))
      headers.push(new Headers(init?.headers))
      return fetch(input, init)
    }
    const { flow } = flowFor({ fetch: spy, scopes: ['api:read', 'api:write'], audience: 'https://api.example.test' })
    const credential = await flow.login({})
    expect(credential.scopes).toEqual(['api:read', 'api:write'])
    const token = bodies.findIndex((b) => b.includes('grant_type=client_credentials'))
    expect(headers[token]?.get('authorization')).toMatch(/^Basic /)
    expect(new URLSearchParams(bodies[token]).get('audience')).toBe('https://api.example.test')
    expect(bodies[token]).not.toContain('client_secret')
  })

  it('without scopes gets a scopeless token, which the API refuses with 403', async () => {
    const { flow } = flowFor({ scopes: undefined })
    const credential = await flow.login({})
    expect(credential.scopes).toEqual([])
    expect((await profile(credential.accessToken)).status).toBe(403)
  })

  it('a wrong secret: exit 4 INVALID_CLIENT with the server description and a hint naming the source', async () => {
    const wrong = 'definitely-the-wrong-secret-42'
    const error = await loginFails({ env: { AUTHCLI_CLIENT_SECRET: wrong } })
    expect(OAuthError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.INVALID_CLIENT)
    expect(error.exitCode).toBe(4)
    expect(error.message).toBe('token request failed: the server refused the request with HTTP 401 (invalid_client): client authentication failed')
    expect(error.hint).toBe('check the client id and the client secret; client id "authcli-confidential", client_secret_basic with the secret from the environment variable AUTHCLI_CLIENT_SECRET')
    expectNoLeak(errorText(error), wrong)
  })

  it('an unknown client: exit 4 INVALID_CLIENT', async () => {
    const error = await loginFails({ clientId: 'no-such-client' })
    expect(error.code).toBe(ErrorCode.INVALID_CLIENT)
    expect(error.exitCode).toBe(4)
  })

  it('a scope the client may not have: exit 4 invalid_scope with the description and the scopes asked for', async () => {
    const error = await loginFails({ scopes: ['openid'] })
    expect(OAuthError.isInstance(error)).toBe(true)
    expect((error as OAuthError).error).toBe('invalid_scope')
    expect(error.exitCode).toBe(4)
    expect(error.message).toBe('token request failed: the server answered invalid_scope: requested scope is not allowed')
    expect(error.hint).toBe('check the requested scopes; requested: openid')
  })

  it('an RFC 8707 resource the server does not know: exit 4 invalid_target', async () => {
    const error = await loginFails({ resource: ['https://api.example.test/', 'https://other.example.test/'] })
    expect((error as OAuthError).error).toBe('invalid_target')
    expect(error.exitCode).toBe(4)
    expect(error.message).toContain('resource indicator is missing, or unknown')
  })
})

describe('client_secret_post and private_key_jwt', () => {
  it('client_secret_post with the secret from a 0600 file', async () => {
    const path = await file('post-secret', `${server.clients.post.clientSecret}\n`)
    const bodies: string[] = []
    const spy: typeof fetch = (input, init) => (bodies.push(String(init?.body ?? '')), fetch(input, init))
    const { flow } = flowFor({ clientId: server.clients.post.clientId, authMethod: 'client_secret_post', secret: { file: path }, env: {}, fetch: spy })
    const credential = await flow.login({})
    expect((await profile(credential.accessToken)).body['login']).toBe('authcli-post')
    expect(bodies.some((b) => new URLSearchParams(b).get('client_secret') === secret)).toBe(true)
  })

  it('client_secret_post sends the secret in the body, never a Basic header', async () => {
    const headers: Headers[] = []
    const spy: typeof fetch = (input, init) => (headers.push(new Headers(init?.headers)), fetch(input, init))
    const { flow } = flowFor({ clientId: server.clients.post.clientId, authMethod: 'client_secret_post', fetch: spy })
    await flow.login({})
    expect(headers.every((h) => h.get('authorization') === null)).toBe(true)
  })

  it('client_secret_post with a wrong secret: exit 4 INVALID_CLIENT naming the method', async () => {
    const error = await loginFails({ clientId: server.clients.post.clientId, authMethod: 'client_secret_post', env: { AUTHCLI_CLIENT_SECRET: 'wrong-wrong-wrong-123' } })
    expect(error.code).toBe(ErrorCode.INVALID_CLIENT)
    expect(error.exitCode).toBe(4)
    expect(error.hint).toContain('client_secret_post with the secret from the environment variable AUTHCLI_CLIENT_SECRET')
  })

  it('private_key_jwt with the dev server key in a 0600 PEM file (method picked from the source)', async () => {
    const path = await file('jwt.pem', server.clients.jwt.privateKeyPem)
    const { flow, logger } = flowFor({ clientId: server.clients.jwt.clientId, secret: { privateKeyFile: path }, env: {}, scopes: ['api:write'] })
    const credential = await flow.login({})
    expect(credential.scopes).toEqual(['api:write'])
    expect((await profile(credential.accessToken)).body).toMatchObject({ login: 'authcli-jwt', scopes: ['api:write'] })
    expectNoSecrets(logger.lines.join('\n'), credential.accessToken)
    expectNoSecrets(JSON.stringify(credential))
  })

  it('private_key_jwt with a kid', async () => {
    const path = await file('jwt-kid.pem', server.clients.jwt.privateKeyPem)
    const { flow } = flowFor({ clientId: server.clients.jwt.clientId, authMethod: 'private_key_jwt', secret: { privateKeyFile: path, kid: server.clients.jwt.kid }, env: {} })
    const credential = await flow.login({})
    expect((await profile(credential.accessToken)).body).toMatchObject({ login: server.clients.jwt.clientId })
  })

  it('private_key_jwt with the wrong key: exit 4 INVALID_CLIENT', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const other = String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }))
    const error = await loginFails({ clientId: server.clients.jwt.clientId, secret: { privateKeyFile: await file('other.pem', other) }, env: {} })
    expect(error.code).toBe(ErrorCode.INVALID_CLIENT)
    expect(error.exitCode).toBe(4)
    expect(error.hint).toContain('private_key_jwt with the secret from the private key file')
  })

  it('a PEM file readable by others is refused before any request', async () => {
    const path = await file('open.pem', server.clients.jwt.privateKeyPem, 0o644)
    const error = await loginFails({ clientId: server.clients.jwt.clientId, secret: { privateKeyFile: path }, env: {} })
    expect(error.message).toBe(`the private key file ${path} is accessible by other users (mode 0644); refusing to use it`)
    expect(server.counters()['token']).toBeUndefined()
  })
})

describe('secret sources', () => {
  it('env var missing: exit 4 naming the variable, no request', async () => {
    const error = await loginFails({ secret: { env: 'MY_CI_SECRET' }, env: {} })
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.LOGIN_REQUIRED)
    expect(error.exitCode).toBe(4)
    expect(error.message).toBe('the client secret is expected in the environment variable MY_CI_SECRET, which is not set')
    expect(server.counters()).toEqual({})
  })

  it('a file with mode 0644: refused with the chmod hint, no request', async () => {
    const path = await file('open-secret', secret, 0o644)
    const error = await loginFails({ secret: { file: path } })
    expect(error.code).toBe(ErrorCode.LOGIN_REQUIRED)
    expect(error.exitCode).toBe(4)
    expect(error.hint).toBe(`chmod 600 ${path}`)
    expect(server.counters()).toEqual({})
  })

  it('a missing file: exit 4 naming the file', async () => {
    const error = await loginFails({ secret: { file: join(dir, 'nope') } })
    expect(error.message).toBe(`the client secret file ${join(dir, 'nope')} does not exist`)
  })

  it('a value in hand', async () => {
    const { flow } = flowFor({ secret: { value: secret, label: 'the prompt' }, env: {} })
    expect((await flow.login({})).clientId).toBe('authcli-confidential')
  })
})

describe('renewal, revocation, failures', () => {
  it('refresh is a new grant with the same secret source, the scopes of the credential, one discovery', async () => {
    const { flow } = flowFor({ scopes: undefined })
    const first = await createClientCredentialsFlow({ issuer: server.issuer, clientId: 'authcli-confidential', secret: { value: secret, label: 'x' }, scopes: ['api:write'] }).login({})
    server.resetCounters()
    const renewed = await flow.refresh!(first, {})
    const again = await flow.refresh!(renewed, {})
    expect(renewed.accessToken).not.toBe(first.accessToken)
    expect(again.accessToken).not.toBe(renewed.accessToken)
    expect(renewed.scopes).toEqual(['api:write'])
    expect(server.counters()).toMatchObject({ discovery: 1, client_credentials: 2, token: 2 })
    expect((await profile(again.accessToken)).status).toBe(200)
  })

  it('refresh with RefreshOptions.scopes requests those scopes (auth refresh --scope)', async () => {
    const { flow } = flowFor({ scopes: ['api:read'] })
    const first = await flow.login({})
    const renewed = await flow.refresh!(first, {}, { scopes: ['api:write'] })
    expect(renewed.scopes).toEqual(['api:write'])
    await expect(flow.refresh!(first, {}, { scopes: ['bad scope'] })).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: expect.stringContaining('"options.scopes"') })
  })

  it('renews only credentials of its own issuer and client: the secret goes nowhere else', async () => {
    const { flow } = flowFor()
    const first = await flow.login({})
    expect(first).toMatchObject({ issuer: server.issuer, clientId: 'authcli-confidential' })
    expect((await flow.refresh!(first, {})).issuer).toBe(server.issuer)
    const other = await rejection(() => flow.refresh!({ ...first, clientId: 'someone-else' }, {}))
    expect(other).toMatchObject({ code: ErrorCode.NOT_REFRESHABLE, exitCode: 4, message: 'the credential was issued to client someone-else, not to authcli-confidential whose secret this flow holds' })
    await expect(flow.revoke!({ ...first, clientId: 'someone-else' }, {})).rejects.toMatchObject({ code: ErrorCode.NOT_REFRESHABLE })
    // A profile moved to another issuer (staging to production, the same client id): its secret never goes to the old one.
    server.resetCounters()
    const elsewhere = createClientCredentialsFlow({ issuer: 'http://127.0.0.1:9', clientId: 'authcli-confidential', secret: { value: secret, label: 'x' } })
    const moved = await rejection(() => elsewhere.refresh!(first, {}))
    expect(moved).toMatchObject({
      code: ErrorCode.NOT_REFRESHABLE,
      exitCode: 4,
      message: `the credential was issued by ${new URL(server.issuer).origin}, not by http://127.0.0.1:9 where this flow's client secret belongs`,
    })
    await expect(elsewhere.revoke!(first, {})).rejects.toMatchObject({ code: ErrorCode.NOT_REFRESHABLE })
    expect(server.counters()).toEqual({})
  })

  it('an expired stored credential is renewed silently by a core session (createAuth) and written back', async () => {
    const { flow } = flowFor()
    const store = createMemoryStore()
    const key = credentialKey(server.issuer, 'authcli-confidential')
    const stale: Credential = { ...(await flow.login({})), expiresAt: Date.now() - 1000 }
    await store.set(key, stale)
    server.resetCounters()
    const auth = createAuth({ name: 'mycli', host: server.issuer, dir: tmpdir(), flows: [flow], stores: [store], env: {}, interactive: false })
    const fresh = (await auth.getCredential()).credential
    expect(fresh.accessToken).not.toBe(stale.accessToken)
    expect(fresh.expiresAt).toBeGreaterThan(Date.now())
    expect((await store.get(key))?.accessToken).toBe(fresh.accessToken)
    expect(server.counters()['client_credentials']).toBe(1)
  })

  it('refresh when the secret is gone: exit 4 naming what was expected', async () => {
    const env: Record<string, string | undefined> = { AUTHCLI_CLIENT_SECRET: secret }
    const { flow } = flowFor({ env })
    const credential = await flow.login({})
    delete env['AUTHCLI_CLIENT_SECRET']
    const error = await rejection(() => flow.refresh!(credential, {}))
    expect(error.code).toBe(ErrorCode.LOGIN_REQUIRED)
    expect(error.exitCode).toBe(4)
    expect(error.message).toContain('the environment variable AUTHCLI_CLIENT_SECRET, which is not set')

    const path = await file('gone', secret)
    const fromFile = flowFor({ secret: { file: path } }).flow
    const other = await fromFile.login({})
    await rm(path)
    const fileError = await rejection(() => fromFile.refresh!(other, {}))
    expect(fileError.message).toBe(`the client secret file ${path} does not exist`)
  })

  it('revoke ends the token at the server', async () => {
    const { flow } = flowFor()
    const credential = await flow.login({})
    await flow.revoke!(credential, {})
    expect(server.counters()['revocation']).toBe(1)
    expect((await profile(credential.accessToken)).status).toBe(401)
  })

  it('the issuer down: exit 5 NETWORK_ERROR, nothing returned', async () => {
    const port = await closedPort()
    const error = await loginFails({ issuer: `http://127.0.0.1:${port}` })
    expect(NetworkError.isInstance(error)).toBe(true)
    expect(error.code).toBe(ErrorCode.NETWORK_ERROR)
    expect(error.exitCode).toBe(5)
    expect(error.message).toBe(`discovery failed: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)`)
  })

  it('a failed discovery is retried on the next call', async () => {
    const port = await closedPort()
    const { flow } = flowFor({ issuer: `http://127.0.0.1:${port}` })
    await rejection(() => flow.login({}))
    const error = await rejection(() => flow.login({}))
    expect(error.code).toBe(ErrorCode.NETWORK_ERROR)
  })

  it('an aborted signal: exit 130', async () => {
    const { flow } = flowFor()
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(() => flow.login({ signal: controller.signal }))
    expect(CancelledError.isInstance(error)).toBe(true)
    expect(error.exitCode).toBe(130)
  })
})
