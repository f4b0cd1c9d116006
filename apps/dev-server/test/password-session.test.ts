// The product login endpoint (POST /api/v1/session): a password for a short-lived JWT that the
// API accepts; and /api/v1/profile echoing X-Tenant.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startDevServer, type DevServer } from '../src/index.js'

let server: DevServer
beforeAll(async () => {
  server = await startDevServer({ port: 0, accessTokenTtl: 2 })
  server.setPassword('paula', 'correct horse battery')
})
afterAll(() => server?.close())

const session = (body: unknown, type = 'application/json') => fetch(`${server.issuer}/api/v1/session`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) })
const profile = (token: string, headers: Record<string, string> = {}) => fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}`, ...headers } })

describe('POST /api/v1/session', () => {
  test('trades the right password for a JWT the API accepts until it expires', async () => {
    server.resetCounters()
    const res = await session({ username: 'paula', password: 'correct horse battery' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string; token_type: string; expires_in: number }
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 2 })
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(await (await profile(body.token)).json()).toMatchObject({ login: 'paula', tokenType: 'session', scopes: ['api:read', 'api:write'] })
    expect(server.counters()['session']).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const late = await profile(body.token)
    expect(late.status).toBe(401)
    expect(late.headers.get('www-authenticate')).toContain('the access token expired')
  })

  test.each([
    [{ username: 'paula', password: 'wrong' }, 401, 'invalid_credentials'],
    [{ username: 'nobody', password: 'correct horse battery' }, 401, 'invalid_credentials'],
    [{ username: 'paula' }, 400, 'invalid_request'],
  ])('refuses %j', async (body, status, error) => {
    const res = await session(body)
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ error })
  })

  test('refuses a non-JSON body and other methods, and a JWT with a forged signature', async () => {
    expect((await session({ username: 'paula', password: 'x' }, 'text/plain')).status).toBe(415)
    expect((await fetch(`${server.issuer}/api/v1/session`)).status).toBe(405)
    const { token } = (await (await session({ username: 'paula', password: 'correct horse battery' })).json()) as { token: string }
    const [h, p] = token.split('.')
    expect((await profile(`${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`)).status).toBe(401)
  })

  test('setPassword checks its arguments', () => {
    expect(() => server.setPassword('bad login', 'x')).toThrow(TypeError)
    expect(() => server.setPassword('paula', '')).toThrow(TypeError)
  })
})

test('/api/v1/profile says when a PAT minted with a lifetime expires (GitHub header), and nothing for one without', async () => {
  const before = Date.now()
  const expiring = await profile(server.mintPat({ login: 'tina', scopes: ['api:read'], expiresIn: 20 }))
  const at = Date.parse(expiring.headers.get('github-authentication-token-expiration') ?? '')
  expect(at).toBeGreaterThanOrEqual(before + 19_000)
  expect(at).toBeLessThanOrEqual(Date.now() + 20_000)
  expect((await profile(server.mintPat({ login: 'tina', scopes: ['api:read'] }))).headers.has('github-authentication-token-expiration')).toBe(false)
})

test('/api/v1/profile echoes the X-Tenant header (no tenant field without one)', async () => {
  const pat = server.mintPat({ login: 'tina', scopes: ['api:read'] })
  expect(await (await profile(pat, { 'x-tenant': 'acme' })).json()).toMatchObject({ login: 'tina', tenant: 'acme' })
  expect(await (await profile(pat)).json()).not.toHaveProperty('tenant')
})
