// createMcpAuth against a real local MCP resource + authorization server whose answers the
// tests make hostile: a resource mismatch, no S256, unsafe endpoints, a wrong state, a wrong
// iss; and the good path: resource binding, storage keys, one login for two sessions at once.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { AuthError } from '@auth/core'
import { createDeviceFlow } from '@auth/flow-device'
import { createFileStore } from '@auth/store-file'
import { describe, expect, it } from 'vitest'
import { createMcpAuth, type McpAuthOptions } from '../src/index.js'
import { deliveringOpen, startMcpTestServer, type ServerConfig } from './_mcp-server.js'
import { perTestServer, ping } from './_per-test.js'

const t = perTestServer('mcp-login-')

async function setup(config: ServerConfig = {}, options: Partial<McpAuthOptions> = {}, opened: string[] = []) {
  const server = await startMcpTestServer(config)
  t.server = server
  const mcp = createMcpAuth({ name: 'mcp-test', serverUrl: server.url, dir: t.dir, stores: [createFileStore({ dir: t.dir })], open: deliveringOpen(opened), timeoutMs: 5000, ...options })
  return { mcp, server }
}

/** Every file the stores wrote in the folder, as text. */
async function storedText(): Promise<string> {
  const files = (await readdir(t.dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile())
  return (await Promise.all(files.map((f) => readFile(join(f.parentPath, f.name), 'utf8')))).join('\n')
}

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise
  } catch (error) {
    if (AuthError.isInstance(error)) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('createMcpAuth: the good path', () => {
  it('logs in on the 401, binds the token to the resource, and stores it under the server URL and the issuer', async () => {
    const { mcp, server } = await setup({ scopesSupported: ['mcp:read'] })
    const response = await mcp.fetch(server.url, ping)
    expect(response.status).toBe(200)
    const authorize = server.requests.find((r) => r.path === '/authorize')
    const token = server.requests.find((r) => r.path === '/token')
    expect(authorize?.query.get('resource')).toBe(server.url)
    expect(authorize?.query.get('code_challenge_method')).toBe('S256')
    expect(authorize?.query.get('state')?.length).toBeGreaterThan(20)
    expect(authorize?.query.get('scope')).toBe('mcp:read')
    expect(token?.body.get('resource')).toBe(server.url)
    const text = await storedText()
    expect(text).toContain(`${server.url}#${encodeURIComponent(server.origin)}`)
    expect(text).toContain('oauth-client')
    // A second session of the same product reuses the stored login and client: no new login.
    const again = createMcpAuth({ name: 'mcp-test', serverUrl: server.url, dir: t.dir, stores: [createFileStore({ dir: t.dir })], open: deliveringOpen(), timeoutMs: 5000 })
    expect((await again.fetch(server.url, ping)).status).toBe(200)
    expect(server.counts['/authorize']).toBe(1)
    expect(server.counts['/register']).toBe(1)
    const status = await again.status()
    expect(status.credentials.map((c) => [c.host, c.account, c.flow])).toEqual([[server.url, server.origin, 'pkce']])
  })

  it('renews an expiring token with the refresh token, sending resource again, without a new login', async () => {
    const { mcp, server } = await setup({ refresh: { expiresIn: 1 } })
    expect((await mcp.fetch(server.url, ping)).status).toBe(200)
    // A 1 s token is always within the 60 s skew: the next request renews it first.
    expect((await mcp.fetch(server.url, ping)).status).toBe(200)
    const refresh = server.requests.find((r) => r.path === '/token' && r.body.get('grant_type') === 'refresh_token')
    expect(refresh?.body.get('resource')).toBe(server.url)
    expect(refresh?.body.get('client_id')).toBe('client-1')
    expect(server.counts['/authorize']).toBe(1)
    expect(server.requests.filter((r) => r.path === '/mcp').at(-1)?.authorization).toBe('Bearer good-2')
  })

  it('falls back to the device flow where no browser can open (no display), resource bound', async () => {
    const server = await startMcpTestServer({ device: true })
    t.server = server
    const lines: string[] = []
    const output = { info: (line: string) => void lines.push(line), warn: (line: string) => void lines.push(line), data: () => {} }
    const mcp = createMcpAuth({
      name: 'mcp-test',
      serverUrl: server.url,
      dir: t.dir,
      stores: [createFileStore({ dir: t.dir })],
      interactive: true,
      env: {},
      context: { output },
      timeoutMs: 20_000,
      device: createDeviceFlow,
    })
    expect((await mcp.fetch(server.url, ping)).status).toBe(200)
    expect(lines.join('\n')).toContain('ABCD-EFGH')
    expect(server.counts['/authorize']).toBeUndefined()
    const device = server.requests.find((r) => r.path === '/device')
    expect(device?.body.get('resource')).toBe(server.url)
    const register = server.requests.find((r) => r.path === '/register')
    expect(register).toBeDefined()
    const token = server.requests.filter((r) => r.path === '/token').at(-1)
    expect(token?.body.get('resource')).toBe(server.url)
    expect((await mcp.stored())?.credential.flow).toBe('device')
  }, 30_000)

  it('login() is a new login even when a usable credential is stored; two at once: one login', async () => {
    const { mcp, server } = await setup()
    await mcp.fetch(server.url, ping)
    await mcp.login()
    expect(server.counts['/authorize']).toBe(2)
    const make = () => createMcpAuth({ name: 'mcp-test', serverUrl: server.url, dir: t.dir, stores: [createFileStore({ dir: t.dir })], open: deliveringOpen(), timeoutMs: 5000 })
    const [a, b] = await Promise.all([make().login(), make().login()])
    expect(server.counts['/authorize']).toBe(3)
    expect(a.credential.accessToken).toBe(b.credential.accessToken)
    expect([a.client, b.client]).toContainEqual({ clientId: 'client-1', source: 'dynamic' })
  })

  it('never sends the token to another origin', async () => {
    const { mcp, server } = await setup()
    await mcp.fetch(server.url, ping)
    const other = await startMcpTestServer()
    try {
      const response = await mcp.fetch(other.url, ping)
      expect(response.status).toBe(401)
      expect(other.requests.every((r) => r.authorization === undefined)).toBe(true)
    } finally {
      await other.close()
    }
  })

  it('two sessions logging in at once: one login, both get the token (the second waits and reuses)', async () => {
    const { server } = await setup()
    const opened: string[] = []
    const make = () => createMcpAuth({ name: 'mcp-test', serverUrl: server.url, dir: t.dir, stores: [createFileStore({ dir: t.dir })], open: deliveringOpen(opened), timeoutMs: 5000 })
    const [a, b] = await Promise.all([make().fetch(server.url, ping), make().fetch(server.url, ping)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(server.counts['/authorize']).toBe(1)
    expect(opened).toHaveLength(1)
    expect(server.counts['/register']).toBe(1)
  })

  it('keeps a dynamically registered client secret in the credential store and sends it with client_secret_basic', async () => {
    const { mcp, server } = await setup({ clientSecret: 'registered-secret-123456', metadata: () => ({ token_endpoint_auth_methods_supported: ['client_secret_basic'] }) })
    expect((await mcp.fetch(server.url, ping)).status).toBe(200)
    const token = server.requests.find((r) => r.path === '/token')
    expect(Buffer.from(token?.authorization?.replace('Basic ', '') ?? '', 'base64').toString()).toBe('client-1:registered-secret-123456')
    expect(await storedText()).toContain('registered-secret-123456')
  })
})

describe('createMcpAuth: hostile servers', () => {
  it('leaves a 401 that asks for another scheme (Basic) alone: no discovery, no login', async () => {
    const { mcp, server } = await setup({ challenge: 'Basic realm="files"' })
    expect((await mcp.fetch(server.url, ping)).status).toBe(401)
    expect(server.requests.map((r) => r.path)).toEqual(['/mcp'])
  })

  it('refuses resource metadata for another resource before any registration or authorization', async () => {
    const { mcp, server } = await setup({ resource: () => 'https://evil.example.com/mcp' })
    const error = await failure(mcp.fetch(server.url, ping))
    expect(error.code).toBe('BAD_RESPONSE')
    expect(error.message).toContain('evil.example.com')
    expect(server.counts['/register']).toBeUndefined()
    expect(server.counts['/authorize']).toBeUndefined()
  })

  it('refuses an authorization server that does not list S256, unless its issuer is trusted', async () => {
    const opened: string[] = []
    const { mcp, server } = await setup({ metadata: () => ({ code_challenge_methods_supported: undefined }) }, {}, opened)
    expect((await failure(mcp.fetch(server.url, ping))).code).toBe('CONFIG_ERROR')
    expect(opened).toHaveLength(0)
    const trusted = createMcpAuth({
      name: 'mcp-test',
      serverUrl: server.url,
      dir: t.dir,
      stores: [createFileStore({ dir: t.dir })],
      open: deliveringOpen(opened),
      timeoutMs: 5000,
      trustIssuersWithoutS256: [server.origin],
    })
    expect((await trusted.fetch(server.url, ping)).status).toBe(200)
    const plainOnly = await startMcpTestServer({ metadata: () => ({ code_challenge_methods_supported: ['plain'] }) })
    try {
      const mcp2 = createMcpAuth({
        name: 'mcp-test',
        serverUrl: plainOnly.url,
        dir: t.dir,
        stores: [createFileStore({ dir: t.dir })],
        open: deliveringOpen(opened),
        trustIssuersWithoutS256: [plainOnly.origin],
      })
      expect((await failure(mcp2.fetch(plainOnly.url, ping))).code).toBe('CONFIG_ERROR')
    } finally {
      await plainOnly.close()
    }
  })

  for (const endpoint of ['file:///etc/passwd', 'javascript:alert(1)', 'https://as.example.com/$(id)', "https://as.example.com/'; open -a Calculator", 'http://as.example.com/authorize']) {
    it(`never lets the authorization endpoint ${endpoint} reach the opener`, async () => {
      const opened: string[] = []
      const { mcp, server } = await setup({ metadata: () => ({ authorization_endpoint: endpoint }) }, {}, opened)
      const error = await failure(mcp.fetch(server.url, ping))
      expect(error.code).toBe('BAD_RESPONSE')
      expect(error.message).toContain('authorization_endpoint')
      expect(opened).toHaveLength(0)
      expect(server.counts['/register']).toBeUndefined()
    })
  }

  it('ignores a callback whose state is not this login’s: no code is redeemed, the login times out', async () => {
    const { mcp, server } = await setup({ callback: (q) => q.set('state', 'forged-state') }, { timeoutMs: 1500 })
    const error = await failure(mcp.fetch(server.url, ping))
    expect(error.code).toBe('LOGIN_TIMEOUT')
    expect(server.counts['/token']).toBeUndefined()
  })

  it('refuses a callback naming another issuer (RFC 9207) before redeeming the code', async () => {
    const { mcp, server } = await setup({ metadata: () => ({ authorization_response_iss_parameter_supported: true }), callback: (q) => q.set('iss', 'https://evil.example.com') })
    const error = await failure(mcp.fetch(server.url, ping))
    expect(error.code).toBe('BAD_RESPONSE')
    expect(error.message).toContain('RFC 9207')
    expect(server.counts['/token']).toBeUndefined()
  })

  it('accepts the right iss', async () => {
    const { mcp, server } = await setup({ metadata: () => ({ authorization_response_iss_parameter_supported: true }), callback: (q, origin) => q.set('iss', origin) })
    expect((await mcp.fetch(server.url, ping)).status).toBe(200)
  })
})
