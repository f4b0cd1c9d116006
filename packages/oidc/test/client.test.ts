// The OIDC client against a small real authorization server on node:http: discovery, the
// refresh-token grant, RFC 7009 revocation, userinfo. Every request is recorded.
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { ErrorCode, type Credential } from '@auth/core'
import { ClientSecretBasic } from 'openid-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOidcClient, flowHints, type OidcClientOptions, type TokenResponse } from '../src/index.js'

interface Seen {
  path: string
  form: URLSearchParams
  authorization: string | undefined
}
type Answer = { status: number; json?: unknown }

let server: Server
let issuer: string
let seen: Seen[] = []
let discovery: Record<string, unknown> = {}
let answers: Record<string, (form: URLSearchParams) => Answer> = {}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let text = ''
    for await (const chunk of req) text += chunk
    const path = new URL(req.url ?? '/', issuer).pathname
    const form = new URLSearchParams(text)
    seen.push({ path, form, authorization: req.headers.authorization })
    const answer: Answer = path === '/.well-known/openid-configuration' ? { status: 200, json: { ...metadata(), ...discovery } } : (answers[path]?.(form) ?? { status: 404 })
    res.writeHead(answer.status, { 'content-type': 'application/json' })
    res.end(answer.json === undefined ? '' : JSON.stringify(answer.json))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  seen = []
  discovery = {}
  answers = {
    '/token': () => ({ status: 200, json: { access_token: 'new-access-token-0123', token_type: 'Bearer', expires_in: 60, refresh_token: 'new-refresh-token-0123' } }),
    '/revoke': () => ({ status: 200 }),
  }
})

function metadata() {
  return { issuer, token_endpoint: `${issuer}/token`, revocation_endpoint: `${issuer}/revoke`, userinfo_endpoint: `${issuer}/userinfo` }
}

function client(options: Partial<OidcClientOptions> = {}) {
  return createOidcClient({
    pkg: '@auth/flow-x',
    kind: 'x',
    issuer: new URL(issuer),
    clientId: 'cli',
    hints: flowHints('mycli', 'auth login --x', 'the x flow'),
    cancelled: 'x login cancelled',
    now: () => 10_000,
    ...options,
  })
}

const credential = (over: Partial<Credential> = {}): Credential => ({
  accessToken: 'old-access-token-0123',
  tokenType: 'Bearer',
  refreshToken: 'old-refresh-token-0123',
  scopes: ['openid', 'read', 'write'],
  account: { login: 'alice', id: 'alice' },
  issuer,
  clientId: 'cli',
  flow: 'x',
  obtainedAt: 0,
  ...over,
})

const paths = () => seen.map((s) => s.path)

describe('refresh', () => {
  it('spends the refresh token at the recorded issuer and client, narrowing scopes, with the extra parameters', async () => {
    const oidc = client({ issuer: new URL('http://127.0.0.1:9'), clientId: 'configured', refreshParameters: new URLSearchParams([['resource', 'https://api.example']]) })
    const renewed = await oidc.refresh(credential(), {}, { scopes: ['openid', 'read'] })
    expect(paths()).toEqual(['/.well-known/openid-configuration', '/token'])
    expect(Object.fromEntries(seen[1]?.form ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'old-refresh-token-0123',
      client_id: 'cli',
      resource: 'https://api.example',
      scope: 'openid read',
    })
    expect(renewed).toEqual({ ...credential(), accessToken: 'new-access-token-0123', refreshToken: 'new-refresh-token-0123', expiresAt: 70_000, obtainedAt: 10_000, scopes: ['openid', 'read'] })
  })

  it('records the server it used when the credential named none; one discovery for concurrent calls', async () => {
    const oidc = client()
    const { issuer: _, clientId: __, ...bare } = credential()
    const results = await Promise.all([oidc.refresh(bare, {}), oidc.refresh(bare, {})])
    expect(results.map((c) => [c.issuer, c.clientId])).toEqual([
      [issuer, 'cli'],
      [issuer, 'cli'],
    ])
    expect(paths().filter((p) => p.startsWith('/.well-known'))).toHaveLength(1)
  })

  it("flowHints names the product's own login command when given, else <name> <command>, else the flow", () => {
    expect(flowHints('mycli', 'auth login --x', 'the x flow', 'mycli login').login(true, ' with those scopes')).toBe('run `mycli login` again with those scopes')
    expect(flowHints('mycli', 'auth login --x', 'the x flow').login()).toBe('run `mycli auth login --x`')
    expect(flowHints(undefined, 'auth login --x', 'the x flow').login(true)).toBe('log in again with the x flow')
  })

  it('refuses before any request: no refresh token, wider scopes, an issuer that is not http(s)', async () => {
    const oidc = client()
    const { refreshToken: _, ...noRefresh } = credential()
    await expect(oidc.refresh(noRefresh, {})).rejects.toMatchObject({ code: ErrorCode.NOT_REFRESHABLE, hint: 'run `mycli auth login --x`' })
    await expect(oidc.refresh(credential(), {}, { scopes: ['admin'] })).rejects.toMatchObject({
      code: ErrorCode.CONFIG_ERROR,
      message: '@auth/flow-x: refresh: "options.scopes" asks for scopes the credential does not have (admin); a refresh can only narrow them',
      hint: 'run `mycli auth login --x` again with those scopes',
    })
    await expect(oidc.refresh(credential({ issuer: 'file:///etc/passwd' }), {})).rejects.toMatchObject({
      code: ErrorCode.NOT_REFRESHABLE,
      message: 'the credential records an issuer that is not an http(s) URL',
    })
    expect(seen).toEqual([])
  })

  it('warns once when renewing over plain http off loopback; silent on loopback', async () => {
    const warned: string[] = []
    const output = { info: () => {}, warn: (line: string) => warned.push(line) }
    await client().refresh(credential(), { output })
    expect(warned).toEqual([])
    await expect(client().refresh(credential({ issuer: 'http://as.invalid' }), { output })).rejects.toMatchObject({ code: ErrorCode.NETWORK_ERROR })
    expect(warned).toEqual(['renewing the token over plain http at http://as.invalid'])
  })

  it('a confidential client renews only its own credentials', async () => {
    const oidc = client({ clientAuth: () => ClientSecretBasic('s3cret0123') })
    await expect(oidc.refresh(credential({ clientId: 'other' }), {})).rejects.toMatchObject({ code: ErrorCode.NOT_REFRESHABLE, exitCode: 4 })
    await oidc.refresh(credential(), {})
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('cli:s3cret0123').toString('base64')}`)
  })

  it('maps refusals: invalid_grant, a bad client secret (INVALID_CLIENT), a cancelled call', async () => {
    answers['/token'] = () => ({ status: 400, json: { error: 'invalid_grant', error_description: 'spent' } })
    await expect(client().refresh(credential(), {})).rejects.toMatchObject({ code: ErrorCode.INVALID_GRANT, exitCode: 4, message: 'refresh failed: the server answered invalid_grant: spent' })
    answers['/token'] = () => ({ status: 401, json: { error: 'invalid_client' } })
    await expect(client().refresh(credential(), {})).rejects.toMatchObject({ code: ErrorCode.INVALID_CLIENT, exitCode: 4 })
    await expect(client().refresh(credential(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: ErrorCode.CANCELLED, message: 'x login cancelled' })
  })
})

describe('revoke', () => {
  it('revokes the refresh token, then the access token, each with its hint', async () => {
    await client().revoke(credential(), {})
    expect(seen.filter((s) => s.path === '/revoke').map((s) => Object.fromEntries(s.form))).toEqual([
      { token: 'old-refresh-token-0123', token_type_hint: 'refresh_token', client_id: 'cli' },
      { token: 'old-access-token-0123', token_type_hint: 'access_token', client_id: 'cli' },
    ])
  })

  it('tries both tokens and throws the first failure; unsupported_token_type is no failure', async () => {
    answers['/revoke'] = (form) => (form.get('token_type_hint') === 'refresh_token' ? { status: 401, json: { error: 'invalid_client', error_description: 'bad\u001b[2J secret' } } : { status: 200 })
    await expect(client().revoke(credential(), {})).rejects.toMatchObject({
      code: ErrorCode.INVALID_CLIENT,
      exitCode: 4,
      message: 'revocation failed: the server answered invalid_client: bad [2J secret',
    })
    expect(paths().filter((p) => p === '/revoke')).toHaveLength(2)
    answers['/revoke'] = (form) => (form.get('token_type_hint') === 'access_token' ? { status: 400, json: { error: 'unsupported_token_type' } } : { status: 200 })
    await expect(client().revoke(credential(), {})).resolves.toBeUndefined()
  })

  it('does nothing without a revocation endpoint, or without tokens', async () => {
    discovery = { revocation_endpoint: undefined }
    const lines: string[] = []
    const logger = { debug: (l: string) => lines.push(l), info: () => {}, warn: () => {}, error: () => {} }
    await client({ logger }).revoke(credential(), {})
    expect(lines.at(-1)).toBe(`${new URL(issuer).host} offers no token revocation; nothing revoked`)
    discovery = {}
    seen = []
    const { refreshToken: _, ...accessOnly } = credential({ accessToken: '' })
    await client().revoke(accessOnly, {})
    expect(paths()).toEqual(['/.well-known/openid-configuration'])
  })
})

describe('loginCredential', () => {
  const tokens = (fields: Record<string, unknown>, claims?: Record<string, unknown>) =>
    ({ access_token: 'at-0123456789abcdef', token_type: 'bearer', ...fields, claims: () => claims }) as unknown as TokenResponse

  it('records the tokens, the account from userinfo and the ID token, the issuer and client', async () => {
    answers['/userinfo'] = () => ({ status: 200, json: { sub: 'u-1', preferred_username: 'alice', email: 'a@x.test' } })
    const oidc = client()
    const call = oidc.call({})
    const config = await call.configuration()
    const credential = await oidc.loginCredential(tokens({ expires_in: 3600, refresh_token: 'rt-0123456789' }), config, call, { scopes: ['openid'] })
    expect(credential).toEqual({
      accessToken: 'at-0123456789abcdef',
      tokenType: 'Bearer',
      expiresAt: 10_000 + 3_600_000,
      refreshToken: 'rt-0123456789',
      scopes: ['openid'],
      account: { login: 'alice', email: 'a@x.test', id: 'u-1' },
      issuer,
      clientId: 'cli',
      flow: 'x',
      obtainedAt: 10_000,
    })
  })

  it('a failed profile request is a warning; a given account fetches no profile', async () => {
    answers['/userinfo'] = () => ({ status: 500 })
    const warned: string[] = []
    const oidc = client()
    const call = oidc.call({ output: { info: () => {}, warn: (l) => warned.push(l) } })
    const config = await call.configuration()
    expect((await oidc.loginCredential(tokens({}), config, call, { scopes: [] })).account).toEqual({})
    expect(warned).toHaveLength(1)
    expect(warned[0]).toMatch(/^profile request failed: .*; the account name comes from the ID token only$/)
    seen = []
    const bot = await oidc.loginCredential(tokens({ scope: 'api:read' }), config, call, { scopes: [], account: { login: 'ci-bot', id: 'ci-bot' }, kind: 'client-credentials' })
    expect(bot).toMatchObject({ account: { login: 'ci-bot', id: 'ci-bot' }, scopes: ['api:read'], flow: 'client-credentials' })
    expect(seen).toEqual([])
  })

  it.each([
    [{ access_token: '' }, '"access_token"'],
    [{ expires_in: -1 }, '"expires_in"'],
    [{ scope: ['a'] }, '"scope"'],
  ])('refuses %j with BAD_RESPONSE (exit 5)', async (fields, fragment) => {
    const oidc = client()
    const call = oidc.call({})
    const config = await call.configuration()
    const error = await oidc.loginCredential(tokens(fields), config, call, { scopes: [], account: {} }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: ErrorCode.BAD_RESPONSE, exitCode: 5, message: expect.stringContaining(fragment) })
  })
})

// Issue 20: a refresh in a new process sent discovery, then the grant; twenty processes waited
// for both. The metadata is kept in the login context's `dir` between processes.
describe('metadata kept between processes (the login context dir)', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })
  async function productDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'oidc-kept-'))
    dirs.push(dir)
    return dir
  }
  const keptFile = async (dir: string) => join(dir, '.cache', (await readdir(join(dir, '.cache'))).find((n) => n.startsWith('oidc-')) as string)

  it('a second process (a new client) refreshes with one request; the file is 0600 in a 0700 folder', async () => {
    const dir = await productDir()
    await client().refresh(credential(), { dir })
    expect(paths()).toEqual(['/.well-known/openid-configuration', '/token'])
    const file = await keptFile(dir)
    expect((await stat(join(dir, '.cache'))).mode & 0o777).toBe(0o700)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    seen = []
    expect((await client().refresh(credential(), { dir })).accessToken).toBe('new-access-token-0123')
    expect(paths()).toEqual(['/token'])
  })

  it('is not used when too old, for another client, tampered with, or writable by others', async () => {
    const dir = await productDir()
    await client().refresh(credential(), { dir })
    const file = await keptFile(dir)
    const original = JSON.parse(await readFile(file, 'utf8'))
    const refreshes = async () => {
      seen = []
      await client().refresh(credential(), { dir })
      return paths()
    }
    const plant = (doc: unknown) => writeFile(file, JSON.stringify(doc), { mode: 0o600 })
    await plant({ ...original, at: 10_000 - 25 * 3_600_000 }) // a day and an hour old by the client's clock
    expect(await refreshes()).toEqual(['/.well-known/openid-configuration', '/token'])
    await plant({ ...original, clientId: 'another' })
    expect(await refreshes()).toEqual(['/.well-known/openid-configuration', '/token'])
    // A token endpoint on another origin would take the refresh token elsewhere: never used.
    await plant({ ...original, metadata: { ...original.metadata, token_endpoint: 'http://127.0.0.1:9/token' } })
    expect(await refreshes()).toEqual(['/.well-known/openid-configuration', '/token'])
    await plant(original)
    await chmod(file, 0o666)
    expect(await refreshes()).toEqual(['/.well-known/openid-configuration', '/token'])
    await writeFile(file, '{"v":1,', { mode: 0o600 })
    expect(await refreshes()).toEqual(['/.well-known/openid-configuration', '/token'])
    expect(await refreshes()).toEqual(['/token']) // rewritten by the last discovery
  })

  it('a server whose endpoints are on another origin is not kept', async () => {
    const dir = await productDir()
    discovery = { revocation_endpoint: 'https://revoke.example/revoke' }
    await client().refresh(credential(), { dir })
    expect(await readdir(join(dir, '.cache')).catch(() => [])).toEqual([])
    seen = []
    await client().refresh(credential(), { dir })
    expect(paths()).toEqual(['/.well-known/openid-configuration', '/token'])
  })

  it('a call that used the kept metadata and failed drops it: the next one discovers again', async () => {
    const dir = await productDir()
    await client().refresh(credential(), { dir })
    answers['/token'] = () => ({ status: 404 })
    seen = []
    await expect(client().refresh(credential(), { dir })).rejects.toMatchObject({ exitCode: 5 })
    expect(paths()).toEqual(['/token'])
    await expect(readdir(join(dir, '.cache'))).resolves.toEqual([])
  })
})
