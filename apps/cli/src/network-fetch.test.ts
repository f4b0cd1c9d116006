import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '@auth/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCa, startCountingProxy, startTlsFront, viaProxyName, type CountingProxy, type TestCa, type TlsFront } from '../test/_network.js'
import { readCaFile } from './network-agent.js'
import { createNetworkFetch, networkSettings } from './network-fetch.js'

describe('networkSettings', () => {
  it('is undefined when no proxy and no ca_file is set: the global fetch is used as is', () => {
    expect(networkSettings({})).toBeUndefined()
    expect(networkSettings({ NO_PROXY: '127.0.0.1', HTTPS_PROXY: ' ' })).toBeUndefined()
    const base = (() => undefined) as unknown as typeof fetch
    expect(createNetworkFetch({ env: {}, fetch: base })).toBe(base)
  })

  it('reads lower case first, then upper case, then ALL_PROXY for either scheme', () => {
    expect(networkSettings({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2', NO_PROXY: 'x' })).toEqual({ httpsProxy: 'http://a:1/', noProxy: 'x' })
    expect(networkSettings({ HTTP_PROXY: 'proxy.corp:3128' })).toEqual({ httpProxy: 'http://proxy.corp:3128/' })
    expect(networkSettings({ ALL_PROXY: 'socks5://s:1080', HTTPS_PROXY: 'http://h:1' })).toEqual({ httpProxy: 'socks5://s:1080', httpsProxy: 'http://h:1/' })
  })

  it('carries ca_file, its label and NODE_EXTRA_CA_CERTS', () => {
    expect(networkSettings({ NODE_EXTRA_CA_CERTS: '/etc/extra.pem' }, '/ca.pem', 'profiles.work.ca_file')).toEqual({
      caFile: '/ca.pem',
      caFileLabel: 'profiles.work.ca_file',
      extraCaCerts: '/etc/extra.pem',
    })
  })

  it('refuses a proxy variable that is no proxy URL, naming the variable (not its value: it may hold a password)', () => {
    for (const value of ['ftp://p:21', 'http://', 'ht tp://x']) {
      const error = (() => {
        try {
          networkSettings({ HTTPS_PROXY: value })
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(ConfigError.isInstance(error), String(error)).toBe(true)
      expect((error as Error).message).toBe('HTTPS_PROXY is not a proxy URL')
    }
  })
})

describe('createNetworkFetch against a real proxy and a server signed by a test CA', () => {
  let dir: string
  let ca: TestCa
  let proxy: CountingProxy
  let backend: Server
  let origin: string
  let front: TlsFront
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'network-fetch-'))
    ca = makeTestCa(dir)
    proxy = await startCountingProxy()
    backend = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, method: req.method })))
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`
    front = await startTlsFront(origin, ca)
  })
  afterAll(async () => {
    await front?.close()
    await proxy?.close()
    await new Promise((resolve) => backend?.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })
  beforeEach(() => proxy.reset())

  it('sends every request through HTTP_PROXY (a CONNECT the proxy counts), and what it answers is a Response', async () => {
    const fetch = createNetworkFetch({ env: { HTTP_PROXY: proxy.url } })
    const named = viaProxyName(origin)
    const response = await fetch(`${named}/a`, { method: 'POST', body: new URLSearchParams({ x: '1' }), headers: new Headers({ accept: 'application/json' }) })
    expect(await response.json()).toEqual({ path: '/a', method: 'POST' })
    expect(await (await fetch(new Request(`${named}/b`))).json()).toEqual({ path: '/b', method: 'GET' })
    expect(proxy.connects.length).toBeGreaterThan(0)
    expect(new Set(proxy.connects)).toEqual(new Set([new URL(named).host]))
  })

  it('never proxies loopback (127.0.0.0/8), whatever NO_PROXY says (issue 15, finding 3)', async () => {
    for (const env of [
      { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
      { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com' },
      { ALL_PROXY: proxy.url, NO_PROXY: '' },
    ]) {
      const fetch = createNetworkFetch({ env, caFile: ca.caFile })
      expect((await fetch(`${origin}/c`)).status).toBe(200)
      expect((await fetch(`${front.origin}/c`)).status).toBe(200)
    }
    expect(proxy.connects).toEqual([])
    expect(proxy.requests).toEqual([])
  })

  it('goes direct to a NO_PROXY host', async () => {
    const fetch = createNetworkFetch({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1,.proxy.test' } })
    await expect(fetch(`${viaProxyName(origin)}/c`)).rejects.toThrow(/fetch failed/)
    expect(proxy.connects).toEqual([])
  })

  it('trusts ca_file besides the system CAs, also through HTTPS_PROXY; without it the TLS handshake fails', async () => {
    await expect(createNetworkFetch({ env: { HTTPS_PROXY: proxy.url } })(`${front.proxied}/d`)).rejects.toThrow(/fetch failed/)
    const fetch = createNetworkFetch({ env: { HTTPS_PROXY: proxy.url }, caFile: ca.caFile })
    expect(await (await fetch(`${front.proxied}/d`)).json()).toEqual({ path: '/d', method: 'GET' })
    expect(proxy.connects).toContain(new URL(front.proxied).host)
    expect((await createNetworkFetch({ env: {}, caFile: ca.caFile })(`${front.origin}/e`)).status).toBe(200)
    proxy.reset()
    // With HTTP_PROXY only, https:// URLs go through it too (EnvHttpProxyAgent's rule, documented).
    expect((await createNetworkFetch({ env: { HTTP_PROXY: proxy.url }, caFile: ca.caFile })(`${front.proxied}/g`)).status).toBe(200)
    expect(proxy.connects).toContain(new URL(front.proxied).host)
  })

  it('checks ca_file on the first request, naming the file and the key, and again on the next', async () => {
    const missing = join(dir, 'missing.pem')
    const fetch = createNetworkFetch({ env: {}, caFile: missing, caFileLabel: 'profiles.work.ca_file' })
    await expect(fetch(`${front.origin}/f`)).rejects.toThrow(`profiles.work.ca_file ${missing}: cannot read it (ENOENT)`)
    await writeFile(missing, (await import('node:fs')).readFileSync(ca.caFile))
    expect((await fetch(`${front.origin}/f`)).status).toBe(200)
  })
})

describe('readCaFile', () => {
  it('wants at least one certificate that parses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ca-file-'))
    try {
      const ca = makeTestCa(dir)
      expect(await readCaFile(ca.caFile, 'ca_file')).toHaveLength(1)
      await writeFile(join(dir, 'key-only.pem'), ca.serverKey)
      await expect(readCaFile(join(dir, 'key-only.pem'), 'ca_file')).rejects.toThrow('holds no PEM certificate')
      await writeFile(join(dir, 'bad.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')
      await expect(readCaFile(join(dir, 'bad.pem'), 'ca_file')).rejects.toThrow('does not parse')
      await expect(readCaFile(dir, 'ca_file')).rejects.toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2 })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
