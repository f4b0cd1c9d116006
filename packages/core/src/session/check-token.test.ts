// status({ verify: true }) against a real HTTP server on 127.0.0.1 that plays the issuer and the
// API, answering what each test sets: accepted, refused, hostile (redirects, huge bodies, a
// discovery document of another issuer), unreachable.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeCredential, tempDirs } from '@auth/testing'
import { createAuth } from './create-auth.js'
import { createMemoryStore } from '../store/memory-store.js'
import type { Credential } from '../model/types.js'

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void
let server: Server
let base: string
let handler: Handler
const seen: { method: string; path: string; authorization?: string; body: string }[] = []
const dirs = tempDirs()

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', ...(req.headers.authorization && { authorization: req.headers.authorization }), body })
      handler(req, body, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
afterEach(async () => {
  seen.length = 0
  await dirs.cleanup()
})

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(value))
}

/** An issuer with introspection and userinfo; `introspect` and `userinfo` answer as given. */
function issuer(answers: {
  introspect?: (body: URLSearchParams, res: ServerResponse) => void
  userinfo?: (res: ServerResponse) => void
  profile?: (res: ServerResponse) => void
  issuer?: string
}): Handler {
  return (req, body, res) => {
    const path = new URL(req.url ?? '/', base).pathname
    if (path === '/.well-known/openid-configuration') return json(res, 200, { issuer: answers.issuer ?? base, introspection_endpoint: `${base}/introspect`, userinfo_endpoint: `${base}/me` })
    if (path === '/introspect' && answers.introspect) return answers.introspect(new URLSearchParams(body), res)
    if (path === '/me' && answers.userinfo) return answers.userinfo(res)
    if (path === '/api/profile' && answers.profile) return answers.profile(res)
    json(res, 404, { error: 'not_found' })
  }
}

async function statusOf(credential: Partial<Credential>, options: { profileUrl?: string } = {}) {
  const store = createMemoryStore()
  const stored: Credential = { ...makeCredential({ accessToken: 'access-token-under-test', expiresAt: Date.now() + 3_600_000, issuer: base, clientId: 'mycli' }), ...credential } as Credential
  await store.set({ host: base, account: 'alice' }, stored)
  const auth = createAuth({ name: 'mycli', host: base, dir: await dirs.make(), flows: [], stores: [store], env: {}, interactive: false, ...options })
  const status = await auth.status({ verify: true })
  return status.credentials[0]
}

describe('status({ verify: true })', () => {
  it('introspection as the public client: active is accepted (with its scopes), inactive is refused and not valid', async () => {
    handler = issuer({
      introspect: (body, res) => json(res, 200, body.get('client_id') === 'mycli' && body.get('token') === 'access-token-under-test' ? { active: true, scope: 'openid api:read' } : { active: false }),
    })
    expect(await statusOf({})).toMatchObject({ valid: true, check: { result: 'accepted', endpoint: `${base}/introspect`, scopes: ['openid', 'api:read'] } })
    handler = issuer({ introspect: (_body, res) => json(res, 200, { active: false }) })
    expect(await statusOf({})).toMatchObject({ valid: false, check: { result: 'refused', detail: 'introspection says the token is not active' } })
  })

  it('introspection refused to this client: userinfo for an openid token (401 refused), nothing for a token without openid', async () => {
    handler = issuer({ introspect: (_b, res) => json(res, 401, { error: 'invalid_client' }), userinfo: (res) => json(res, 401, { error: 'invalid_token' }) })
    expect(await statusOf({ scopes: ['openid'] })).toMatchObject({ valid: false, check: { result: 'refused', endpoint: `${base}/me` } })
    expect(await statusOf({ scopes: ['api:read'] })).toMatchObject({ valid: true, check: { result: 'skipped', detail: expect.stringContaining('offers no way to check this token') } })
  })

  it('the product profile URL wins; 403 is a known token lacking a scope; the bearer goes only there', async () => {
    handler = issuer({ profile: (res) => json(res, 403, { error: 'insufficient_scope' }) })
    expect(await statusOf({}, { profileUrl: '/api/profile' })).toMatchObject({
      valid: true,
      check: { result: 'accepted', endpoint: `${base}/api/profile`, detail: expect.stringContaining('HTTP 403') },
    })
    expect(seen.map((r) => r.path)).toEqual(['/api/profile'])
    expect(seen[0]?.authorization).toBe('Bearer access-token-under-test')
  })

  it('hostile answers: a redirect is not followed, a discovery document of another issuer is not trusted, a huge body fails', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/steal' })
      res.end()
    }
    expect(await statusOf({}, { profileUrl: '/api/profile' })).toMatchObject({ valid: true, check: { result: 'failed', detail: expect.stringContaining('HTTP 302') } })

    handler = issuer({ issuer: 'https://evil.example', introspect: (_b, res) => json(res, 200, { active: false }), userinfo: (res) => json(res, 401, {}) })
    expect(await statusOf({ scopes: ['openid'] })).toMatchObject({ valid: true, check: { result: 'skipped' } })
    expect(seen.some((r) => r.path === '/introspect' || r.path === '/me')).toBe(false)

    handler = issuer({ introspect: (_b, res) => json(res, 200, { active: true, scope: 'x'.repeat(300_000) }) })
    expect(await statusOf({})).toMatchObject({ valid: true, check: { result: 'failed' } })
  })

  it('an expired token or a session the server ended is not sent; an unreachable server is "failed", never a crash', async () => {
    handler = issuer({})
    expect(await statusOf({ expiresAt: Date.now() - 1000, refreshToken: 'r' })).toMatchObject({ check: { result: 'skipped', detail: 'the access token has expired' } })
    expect(await statusOf({ needsLogin: true })).toMatchObject({ check: { result: 'skipped' } })
    expect(seen).toEqual([])
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const dead = `http://127.0.0.1:${(closed.address() as { port: number }).port}`
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const store = createMemoryStore()
    await store.set({ host: dead, account: 'a' }, makeCredential({ expiresAt: Date.now() + 60_000 }))
    const auth = createAuth({ name: 'mycli', host: dead, dir: await dirs.make(), flows: [], stores: [store], env: {}, interactive: false })
    const unreachable = (await auth.status({ verify: true })).credentials[0]
    expect(unreachable, JSON.stringify(unreachable)).toMatchObject({ valid: true, check: { result: 'failed' } })
    expect((await auth.status()).credentials[0]?.check).toBeUndefined()
  })
})
