// A login that does not block: createAuth's beginLogin / resumeLogin over the device flow's
// begin / pollOnce halves, against the real dev server (the device approved over its routes) and,
// for slow_down, the tiny real server that answers what the dev server never does.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAuth, createMemoryStore, isPendingKey, type CredentialStore } from '@auth/core'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDeviceFlow } from '../src/index.js'
import { PENDING, SLOW_DOWN, TOKENS, startFakeServer, type FakeServer } from './_fake-server.js'

const GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

let server: DevServer
let dir: string
let fake: FakeServer | undefined
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
})
afterAll(() => server?.close())
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flow-device-begin-'))
})
afterEach(async () => {
  await fake?.close()
  fake = undefined
  await rm(dir, { recursive: true, force: true })
})

function session(issuer: string, store: CredentialStore, now?: () => number) {
  return createAuth({
    name: 'mycli',
    host: issuer,
    dir,
    flows: [createDeviceFlow({ issuer, clientId: issuer === server.issuer ? server.clients.native.clientId : 'fake-cli', isTTY: false, name: 'mycli' })],
    stores: [store],
    loginCommand: ({ begin }) => (begin === true ? 'mycli login --begin' : 'mycli login'),
    interactive: false,
    env: {},
    ...(now && { now }),
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('beginLogin / resumeLogin against the dev server', () => {
  it('LOGIN_REQUIRED names the begin command; begin stores the pending state; resume logs in', async () => {
    server.resetCounters()
    const store = createMemoryStore()
    const auth = session(server.issuer, store)
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', login: { command: 'mycli login', begin: 'mycli login --begin' } })

    const begun = await auth.beginLogin()
    expect(begun).toEqual({
      handle: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      userCode: expect.any(String),
      verificationUri: `${server.issuer}/device`,
      verificationUriComplete: expect.any(String),
      expiresIn: expect.any(Number),
      interval: 1,
      store: 'memory',
      superseded: 0,
    })
    const keys = await store.list()
    expect(keys).toHaveLength(1)
    expect(keys.every(isPendingKey)).toBe(true)
    expect((await auth.status()).credentials).toEqual([])
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' })
    expect(server.counters()[GRANT] ?? 0).toBe(0)

    await sleep(60)
    expect(await auth.resumeLogin(begun.handle, { wait: false })).toEqual({ status: 'pending', retryAfter: 1, expiresIn: expect.any(Number) })
    expect(server.counters()[GRANT]).toBe(1)

    await server.approveDevice(begun.userCode, { login: 'carol' })
    const done = await auth.resumeLogin(begun.handle)
    expect(done).toMatchObject({ status: 'done', key: { host: server.issuer, account: 'carol' }, credential: { flow: 'device', issuer: server.issuer } })
    expect(await store.list()).toEqual([{ host: server.issuer, account: 'carol' }])
    expect(await auth.getAccessToken()).toEqual(expect.any(String))
    await expect(auth.resumeLogin(begun.handle)).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4 })
  })

  it('denied: ACCESS_DENIED and the pending state gone; a malformed handle is a usage error', async () => {
    const store = createMemoryStore()
    const auth = session(server.issuer, store)
    const begun = await auth.beginLogin('device')
    await server.denyDevice(begun.userCode)
    await expect(auth.resumeLogin(begun.handle)).rejects.toMatchObject({ code: 'ACCESS_DENIED', exitCode: 4 })
    expect(await store.list()).toEqual([])
    await expect(auth.resumeLogin('../../etc/passwd')).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
  })

  it('expired: DEVICE_CODE_EXPIRED (exit 4), the pending state gone, login.begin to start again', async () => {
    const brief = await startDevServer({ port: 0, deviceInterval: 0.05, deviceCodeTtl: 1 })
    try {
      const store = createMemoryStore()
      const auth = createAuth({
        name: 'mycli',
        host: brief.issuer,
        dir,
        flows: [createDeviceFlow({ issuer: brief.issuer, clientId: brief.clients.native.clientId, isTTY: false })],
        stores: [store],
        loginCommand: ({ begin }) => (begin === true ? 'mycli login --begin' : 'mycli login'),
        interactive: false,
        env: {},
      })
      const begun = await auth.beginLogin()
      await sleep(1_100)
      await expect(auth.resumeLogin(begun.handle)).rejects.toMatchObject({ code: 'DEVICE_CODE_EXPIRED', exitCode: 4, login: { begin: 'mycli login --begin' } })
      expect(await store.list()).toEqual([])
    } finally {
      await brief.close()
    }
  })

  it('a second begin supersedes the first; logout removes a pending login', async () => {
    const store = createMemoryStore()
    const auth = session(server.issuer, store)
    const first = await auth.beginLogin()
    const second = await auth.beginLogin()
    expect(second.superseded).toBe(1)
    await expect(auth.resumeLogin(first.handle)).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' })
    await expect(auth.logout()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' }) // nothing logged in, but:
    expect(await store.list()).toEqual([])
  })

  it('the stored pending state is checked: a tampered entry is a storage error and is removed', async () => {
    const store = createMemoryStore()
    const auth = session(server.issuer, store)
    const begun = await auth.beginLogin()
    const [key] = await store.list()
    if (!key) throw new Error('no pending entry')
    const held = await store.get(key)
    if (!held) throw new Error('no pending entry')
    await store.set(key, { ...held, accessToken: '{"v":1,"nextPollAt":"soon"}' })
    await expect(auth.resumeLogin(begun.handle)).rejects.toMatchObject({ code: 'STORAGE_ERROR', exitCode: 6 })
    expect(await store.list()).toEqual([])
  })
})

describe('resumeLogin keeps the server interval and slow_down across resumes (real HTTP server)', () => {
  it('two resumes at once: one asks the server, the other sees the state it wrote (a lock per handle)', async () => {
    let now = 3_000_000
    fake = await startFakeServer({ token: [PENDING, TOKENS], device: { interval: 5 } })
    const store = createMemoryStore()
    const begun = await session(fake.issuer, store, () => now).beginLogin()
    now += 5_000
    const both = await Promise.all([0, 1].map(() => session(fake!.issuer, store, () => now).resumeLogin(begun.handle, { wait: false })))
    expect(both).toEqual([expect.objectContaining({ status: 'pending', retryAfter: 5 }), expect.objectContaining({ status: 'pending', retryAfter: 5 })])
    expect(fake.tokenRequests()).toHaveLength(1)
  })

  it('a 5xx is a network error (exit 5) that keeps the pending login for the next resume', async () => {
    let now = 2_000_000
    fake = await startFakeServer({ token: [{ status: 503, body: 'down for maintenance' }, TOKENS], device: { interval: 1 } })
    const store = createMemoryStore()
    const begun = await session(fake.issuer, store, () => now).beginLogin()
    now += 1_000
    await expect(session(fake.issuer, store, () => now).resumeLogin(begun.handle, { wait: false })).rejects.toMatchObject({ exitCode: 5 })
    expect((await store.list()).every(isPendingKey)).toBe(true)
    expect(await session(fake.issuer, store, () => now).resumeLogin(begun.handle, { wait: false })).toMatchObject({ status: 'pending', retryAfter: 1 })
    now += 1_000
    expect(await session(fake.issuer, store, () => now).resumeLogin(begun.handle, { wait: false })).toMatchObject({ status: 'done' })
    expect(fake.tokenRequests()).toHaveLength(2)
  })

  it('no request before the next allowed time; slow_down adds 5 s; then done', async () => {
    let now = 1_000_000
    fake = await startFakeServer({ token: [SLOW_DOWN, PENDING, TOKENS], device: { interval: 5 } })
    const store = createMemoryStore()
    // Each resume is a new session, as each `--resume` is a new process: only the store carries the state.
    const resume = (handle: string) => session(fake!.issuer, store, () => now).resumeLogin(handle, { wait: false })
    const begun = await session(fake.issuer, store, () => now).beginLogin()
    expect(begun.interval).toBe(5)

    expect(await resume(begun.handle)).toMatchObject({ status: 'pending', retryAfter: 5 })
    now += 4_000
    expect(await resume(begun.handle)).toMatchObject({ status: 'pending', retryAfter: 1 })
    expect(fake.tokenRequests()).toHaveLength(0)

    now += 1_000
    expect(await resume(begun.handle)).toMatchObject({ status: 'pending', retryAfter: 10 }) // slow_down: 5 + 5
    expect(fake.tokenRequests()).toHaveLength(1)
    now += 9_000
    expect(await resume(begun.handle)).toMatchObject({ status: 'pending', retryAfter: 1 })
    expect(fake.tokenRequests()).toHaveLength(1)

    now += 1_000
    expect(await resume(begun.handle)).toMatchObject({ status: 'pending', retryAfter: 10 }) // pending keeps the longer interval
    now += 10_000
    expect(await resume(begun.handle)).toMatchObject({ status: 'done', credential: { accessToken: 'fake-access-token-0123456789' } })
    expect(fake.tokenRequests()).toHaveLength(3)
    // Every poll sent the one device code the server issued at begin, read back from the store.
    const codes = new Set(fake.tokenRequests().map((r) => r.form.get('device_code')))
    expect([...codes]).toEqual([expect.stringMatching(/.+/)])
  })
})
