import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PAT_PREFIX, startDevServer, type DevServer } from '../src/index.js'
import { callApi, codeFlow, discoverNative } from './_helpers.js'

let server: DevServer
beforeAll(async () => {
  server = await startDevServer({ port: 0 })
})
afterAll(() => server.close())

describe('personal access tokens', () => {
  test('mintPat gives dvp_ + 32 base62 characters, each one different', () => {
    const a = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const b = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    expect(a).toMatch(/^dvp_[0-9A-Za-z]{32}$/)
    expect(a.startsWith(PAT_PREFIX)).toBe(true)
    expect(a).not.toBe(b)
  })

  test('a valid PAT reads the profile, with GitHub-style scope headers', async () => {
    const token = server.mintPat({ login: 'dave', scopes: ['api:read', 'api:write'], name: 'Dave D.' })
    const res = await callApi(server, '/api/v1/profile', token)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-oauth-scopes')).toBe('api:read, api:write')
    expect(res.headers.get('x-accepted-oauth-scopes')).toContain('api:read')
    expect(await res.json()).toMatchObject({
      login: 'dave',
      name: 'Dave D.',
      email: 'dave@example.test',
      scopes: ['api:read', 'api:write'],
      tokenType: 'pat',
    })
  })

  test('a scopeless PAT is 403 insufficient_scope everywhere', async () => {
    const token = server.mintPat({ login: 'erin', scopes: [] })
    for (const path of ['/api/v1/profile', '/api/v1/echo']) {
      const res = await callApi(server, path, token)
      expect(res.status).toBe(403)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="dev-server", error="insufficient_scope"/)
      expect(res.headers.get('x-accepted-oauth-scopes')).toBe('api:read, api:write, openid, profile')
      expect(await res.json()).toMatchObject({ error: 'insufficient_scope', scopes: [] })
    }
  })

  test('an unknown, revoked or expired PAT is 401 invalid_token', async () => {
    const revoked = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    expect(server.revokePat(revoked)).toBe(true)
    expect(server.revokePat(revoked)).toBe(false)
    const expired = server.mintPat({ login: 'alice', scopes: ['api:read'], expiresIn: 0.001 })
    await new Promise((resolve) => setTimeout(resolve, 5))
    for (const token of [`${PAT_PREFIX}${'x'.repeat(32)}`, revoked, expired]) {
      const res = await callApi(server, '/api/v1/profile', token)
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
      expect(await res.json()).toMatchObject({ error: 'invalid_token' })
    }
  })

  test('mintPat refuses a malformed login', () => {
    expect(() => server.mintPat({ login: 'has space', scopes: [] })).toThrow(/login/)
  })

  test('POST /_dev/pats mints one over HTTP (JSON only)', async () => {
    const url = `${server.issuer}/_dev/pats`
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'frank', scopes: ['api:read'] }),
    })
    expect(res.status).toBe(201)
    const { token } = (await res.json()) as { token: string }
    expect(await (await callApi(server, '/api/v1/profile', token)).json()).toMatchObject({ login: 'frank' })
    const form = await fetch(url, { method: 'POST', body: 'login=x' })
    expect(form.status).toBe(415)
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":""}' })
    expect(bad.status).toBe(400)
  })

  test('dev routes refuse a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.issuer}/_dev/counters`, { headers: { host: 'evil.test' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject).end()
    })
    expect(status).toBe(403)
  })
})

describe('bearer access tokens at /api/v1/profile', () => {
  test('a user token from the code flow', async () => {
    const tokens = await codeFlow(server, await discoverNative(server), 'openid profile email')
    const res = await callApi(server, '/api/v1/profile', tokens.access_token)
    expect(await res.json()).toEqual({
      login: 'alice',
      name: 'Alice',
      email: 'alice@example.test',
      scopes: ['openid', 'profile', 'email'],
      tokenType: 'access_token',
      clientId: 'authcli',
    })
  })

  test('no token: 401 with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const res = await callApi(server, '/api/v1/profile')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="dev-server"')
    expect(await res.json()).toMatchObject({ error: 'unauthorized' })
  })

  test('an invalid token: 401 invalid_token; a malformed header: 400', async () => {
    expect((await callApi(server, '/api/v1/profile', 'nope')).status).toBe(401)
    const malformed = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: 'Bearer a b' } })
    expect(malformed.status).toBe(400)
  })

  test('an expired access token is 401 invalid_token', async () => {
    const short = await startDevServer({ port: 0, accessTokenTtl: 1 })
    try {
      const tokens = await codeFlow(short, await discoverNative(short), 'openid profile')
      expect((await callApi(short, '/api/v1/profile', tokens.access_token)).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      const res = await callApi(short, '/api/v1/profile', tokens.access_token)
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: 'invalid_token', error_description: 'the access token expired' })
    } finally {
      await short.close()
    }
  })

  test('the ID token is not an access token', async () => {
    const tokens = await codeFlow(server, await discoverNative(server), 'openid profile')
    expect((await callApi(server, '/api/v1/profile', tokens.id_token)).status).toBe(401)
  })
})

describe('/api/v1/echo', () => {
  test('echoes the tenant header, the login and the request, never the Authorization header', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:write'] })
    const res = await fetch(`${server.issuer}/api/v1/echo?x=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-tenant': 'acme', 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    })
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ tenant: 'acme', login: 'alice', method: 'POST', query: { x: '1' }, body: { hello: 'world' } })
    expect(body['headers']).toMatchObject({ 'x-tenant': 'acme' })
    expect(JSON.stringify(body)).not.toContain(token)
  })

  test('tenant is null without the header', async () => {
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    expect(await (await callApi(server, '/api/v1/echo', token)).json()).toMatchObject({ tenant: null })
  })
})

describe('counters', () => {
  test('count token requests per grant type and each endpoint; reset clears them', async () => {
    server.resetCounters()
    const native = await discoverNative(server)
    const tokens = await codeFlow(server, native)
    await client.refreshTokenGrant(native, tokens.refresh_token!)
    await client.fetchUserInfo(native, tokens.access_token, client.skipSubjectCheck)
    await callApi(server, '/api/v1/profile', tokens.access_token)
    await client.initiateDeviceAuthorization(native, { scope: 'openid' })
    await client.tokenRevocation(native, tokens.access_token)
    expect(server.counters()).toMatchObject({
      authorization_code: 1,
      refresh_token: 1,
      token: 2,
      userinfo: 1,
      profile: 1,
      device_authorization: 1,
      revocation: 1,
      discovery: 1,
    })
    const http = (await (await fetch(`${server.issuer}/_dev/counters`)).json()) as Record<string, number>
    expect(http['refresh_token']).toBe(1)
    server.resetCounters()
    expect(server.counters()).toEqual({})
  })
})
