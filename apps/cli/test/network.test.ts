// Proxies and custom CAs (issue 11, defect 2), against the BUILT binary: a real CONNECT proxy on
// 127.0.0.1 that counts what it carries, the real dev server, and an HTTPS front of the dev server
// whose certificate a test CA (made here with openssl) signed.
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deadPort, deviceLogin, fails, ok, patLogin, sandbox, type Sandbox } from './_contract.js'
import { makeTestCa, startCountingProxy, startTlsFront, viaProxyName, type CountingProxy, type TestCa, type TlsFront } from './_network.js'

let server: DevServer
let proxy: CountingProxy
let ca: TestCa
let front: TlsFront
let keep: Sandbox
let box: Sandbox
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
  proxy = await startCountingProxy()
  keep = await sandbox()
  ca = makeTestCa(keep.dir)
  front = await startTlsFront(server.issuer, ca)
})
afterAll(async () => {
  await front?.close()
  await proxy?.close()
  await server?.close()
  await keep?.cleanup()
})
beforeEach(async () => {
  box = await sandbox()
  proxy.reset()
})
afterEach(() => box?.cleanup())

/** `config set ca_file PATH`, then the file rewritten to hold `path` as it is (a missing file, a file that is no PEM). */
async function setCaFile(path: string): Promise<void> {
  ok(await box.authcli(['config', 'set', 'ca_file', ca.caFile]))
  const file = box.file('config.toml')
  await writeFile(file, (await readFile(file, 'utf8')).replace(JSON.stringify(ca.caFile), JSON.stringify(path)))
}

/** A PAT login to the HTTPS front (the token checked at its profile URL). */
function frontPatLogin(env: Record<string, string> = {}) {
  const token = server.mintPat({ login: 'tess', scopes: ['api:read'] })
  return box.authcli(['auth', 'login', '--host', front.origin, '--token-stdin', '--profile-url', `${front.origin}/api/v1/profile`], { input: token, env })
}

describe('proxies: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY', () => {
  // Issue 15, finding 3: plain http is allowed to loopback because the bytes never leave the
  // machine; through a proxy the bearer token would reach it in clear (curl and Go do the same).
  it('loopback is never proxied, whatever NO_PROXY says: the device login, the refresh and `api` go direct', async () => {
    for (const noProxy of [{}, { NO_PROXY: 'example.com' }, { NO_PROXY: '' }]) {
      proxy.reset()
      const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, ALL_PROXY: proxy.url, http_proxy: proxy.url, ...noProxy }
      await deviceLogin(box, server, 'erin', [], env)
      ok(await box.authcli(['auth', 'refresh'], { env }))
      expect(JSON.parse(ok(await box.authcli(['api', '/api/v1/profile'], { env })).stdout).login).toBe('erin')
      expect(proxy.connects).toEqual([])
      expect(proxy.requests).toEqual([])
    }
  })

  it('HTTP_PROXY, lower-case http_proxy and ALL_PROXY carry a non-loopback host (plain http with --insecure)', async () => {
    const named = viaProxyName(server.issuer)
    for (const env of [{ HTTP_PROXY: proxy.url }, { http_proxy: proxy.url }, { ALL_PROXY: proxy.url }]) {
      proxy.reset()
      const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
      ok(await box.authcli(['auth', 'login', '--host', named, '--insecure', '--token-stdin', '--profile-url', `${named}/api/v1/profile`], { input: token, env }))
      expect(JSON.parse(ok(await box.authcli(['api', '/api/v1/profile'], { env })).stdout).login).toBe('alice')
      // Every request went through the proxy (undici tunnels plain http with CONNECT too), to that host only.
      const reached = [...proxy.connects, ...proxy.requests.map((url) => new URL(url).host)]
      expect(reached.length).toBeGreaterThanOrEqual(2) // the login's profile check and the api call
      expect(new Set(reached)).toEqual(new Set([new URL(named).host]))
    }
  })

  it('NO_PROXY=127.0.0.1 bypasses the proxy', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    await patLogin(box, server, 'alice', [], env)
    expect(JSON.parse(ok(await box.authcli(['api', '/api/v1/profile'], { env })).stdout).login).toBe('alice')
    expect(proxy.connects).toEqual([])
    expect(proxy.requests).toEqual([])
  })

  it('a proxy that is down is a network error (exit 5), not a silent direct connection', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const named = viaProxyName(server.issuer)
    fails(await box.authcli(['auth', 'login', '--host', named, '--insecure', '--token-stdin', '--profile-url', `${named}/api/v1/profile`], { input: token, env: { HTTP_PROXY: dead } }), 5)
  })

  it('`auth token` with a valid token makes no request, whatever the proxy', async () => {
    await patLogin(box, server)
    const dead = `http://127.0.0.1:${await deadPort()}`
    ok(await box.authcli(['auth', 'token'], { env: { HTTP_PROXY: dead, HTTPS_PROXY: dead } }))
  })
})

describe('custom CAs: ca_file', () => {
  it('without ca_file the server signed by the test CA is refused: exit 5, and the hint names ca_file', async () => {
    const result = fails(await frontPatLogin(), 5, 'NETWORK_ERROR')
    expect(result.stderr).toMatch(/hint: .*ca_file/)
  })

  it('ca_file pointing at the test CA makes the server trusted: a PAT login and `api` over TLS', async () => {
    ok(await box.authcli(['config', 'set', 'ca_file', ca.caFile]))
    ok(await frontPatLogin())
    expect(JSON.parse(ok(await box.authcli(['api', '/api/v1/profile'])).stdout).login).toBe('tess')
    expect(front.served()).toBeGreaterThan(0)
  })

  it('ca_file and HTTPS_PROXY together: client credentials (discovery, token), refresh and `api` tunnel through the proxy over TLS', async () => {
    ok(await box.authcli(['config', 'set', 'ca_file', ca.caFile]))
    const secretFile = join(box.dir, 'secret')
    await writeFile(secretFile, server.clients.confidential.clientSecret)
    await chmod(secretFile, 0o600)
    const env = { HTTPS_PROXY: proxy.url }
    ok(
      await box.authcli(
        ['auth', 'login', '--host', front.proxied, '--client-credentials', '--client-id', server.clients.confidential.clientId, '--client-secret-file', secretFile, '--scope', 'api:read'],
        { env },
      ),
    )
    expect(proxy.connects.length).toBeGreaterThan(0)
    expect(new Set(proxy.connects)).toEqual(new Set([new URL(front.proxied).host]))

    proxy.reset()
    ok(await box.authcli(['auth', 'refresh'], { env }))
    expect(proxy.connects).toContain(new URL(front.proxied).host)

    proxy.reset()
    expect(JSON.parse(ok(await box.authcli(['api', '/api/v1/profile'], { env })).stdout).clientId).toBe(server.clients.confidential.clientId)
    expect(proxy.connects).toContain(new URL(front.proxied).host)
  })

  it('a ca_file that does not exist is a config error (exit 2) naming the file and the key', async () => {
    const missing = join(box.dir, 'nonexistent.pem')
    await setCaFile(missing)
    const result = fails(await frontPatLogin(), 2, 'CONFIG_ERROR')
    expect(result.stderr).toContain(missing)
    expect(result.stderr).toContain('ca_file')
  })

  it('a ca_file without a certificate is a config error (exit 2) naming the file and the key', async () => {
    const empty = join(box.dir, 'empty.pem')
    await writeFile(empty, 'not a certificate\n')
    await setCaFile(empty)
    const result = fails(await frontPatLogin(), 2, 'CONFIG_ERROR')
    expect(result.stderr).toContain(empty)
    expect(result.stderr).toContain('ca_file')
  })
})
