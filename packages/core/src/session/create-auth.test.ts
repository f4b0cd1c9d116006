import { afterEach, describe, expect, it } from 'vitest'
import { countingStore, makeCredential, manualClock, tempDirs } from '@auth/testing'
import type { AuthOptions } from './types.js'
import { createAuth } from './create-auth.js'
import { createMemoryStore } from '../store/memory-store.js'
import { AuthError } from '../errors/auth-error.js'
import { HintKey } from '../errors/hint-keys.js'
import { NetworkError, NotFoundError, OAuthError, StorageError } from '../errors/classes.js'
import type { Credential, CredentialStore, Flow, PendingLogin } from '../model/types.js'
import { pendingLogins } from './pending-login.js'

const HOST = 'https://api.example.com'
const KEY = { host: HOST, account: 'alice' }
const dirs = tempDirs()
afterEach(() => dirs.cleanup())

/** A flow whose refresh rotates the refresh token, counting calls; `refuse` makes it answer invalid_grant. */
function rotatingFlow(clock: { now: () => number }, options: { refuse?: boolean; delayMs?: number } = {}) {
  const calls = { refresh: 0, revoke: 0, login: 0, scopes: [] as (readonly string[] | undefined)[], dirs: [] as (string | undefined)[] }
  const flow: Flow & { calls: typeof calls } = {
    kind: 'device',
    calls,
    login: async (ctx) => {
      calls.login++
      calls.dirs.push(ctx.dir)
      return makeCredential({ accessToken: 'access-from-login', refreshToken: 'refresh-from-login', obtainedAt: clock.now(), expiresAt: clock.now() + 3_600_000 })
    },
    refresh: async (credential, _ctx, refreshOptions) => {
      calls.refresh++
      calls.scopes.push(refreshOptions?.scopes)
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs))
      if (options.refuse) throw new OAuthError('the refresh token was refused', { error: 'invalid_grant', code: 'INVALID_GRANT' })
      return { ...credential, accessToken: `access-${calls.refresh}`, refreshToken: `refresh-${calls.refresh}`, account: {}, expiresAt: clock.now() + 3_600_000, obtainedAt: clock.now() }
    },
    revoke: async () => {
      calls.revoke++
    },
  }
  return flow
}

async function session(options: Partial<Omit<AuthOptions, 'store'>> & { backing?: CredentialStore; flow?: Flow; stored?: Credential | undefined } = {}) {
  const clock = manualClock(10_000_000)
  const store = countingStore(options.backing ?? createMemoryStore())
  const stored = 'stored' in options ? options.stored : makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() + 3_600_000 })
  if (stored) await store.set(KEY, stored)
  store.calls.set = 0
  const flow = options.flow ?? rotatingFlow(clock)
  const { backing: _backing, flow: _flow, stored: _stored, ...rest } = options
  const auth = createAuth({ name: 'mycli', host: HOST, dir: await dirs.make(), flows: [flow], stores: [store], env: {}, interactive: false, now: clock.now, ...rest })
  return { auth, store, clock, flow: flow as ReturnType<typeof rotatingFlow> }
}

describe('createAuth: getAccessToken', () => {
  it('a valid stored token costs one store read and no renewal', async () => {
    const { auth, store, flow } = await session()
    expect(await auth.getAccessToken()).toBe('access-token-value-1')
    expect(store.calls.get).toBe(1)
    expect(flow.calls.refresh).toBe(0)
  })

  it('hands out the cached token without a store read while it is fresh, renews once it is not; a bad options argument rejects', async () => {
    const clock = manualClock(10_000_000)
    const { auth, store, flow } = await session({ now: clock.now, stored: makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() + 3_600_000 }), flow: rotatingFlow(clock) })
    for (let i = 0; i < 3; i++) expect(await auth.getAccessToken()).toBe('access-token-value-1')
    expect(store.calls.get).toBe(1)
    clock.advance(3_600_000 - 30_000) // inside the 60 s skew
    expect(await auth.getAccessToken()).toBe('access-1')
    expect(flow.calls.refresh).toBe(1)
    expect(await auth.getAccessToken()).toBe('access-1')
    expect(flow.calls.refresh).toBe(1)
    const bad = auth.getAccessToken(null as never)
    expect(bad).toBeInstanceOf(Promise)
    await expect(bad).rejects.toThrow(TypeError)
  })

  it('renews inside the skew and writes the result back before returning it', async () => {
    const clock = manualClock(10_000_000)
    const { auth, store, flow } = await session({ now: clock.now, stored: makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() + 30_000 }), flow: rotatingFlow(clock) })
    expect(await auth.getAccessToken()).toBe('access-1')
    expect(flow.calls.refresh).toBe(1)
    const saved = await store.get(KEY)
    expect(saved).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', account: { login: 'alice' } })
  })

  it('joins concurrent callers in one process onto one renewal', async () => {
    const clock = manualClock(10_000_000)
    const flow = rotatingFlow(clock, { delayMs: 20 })
    const { auth } = await session({ now: clock.now, flow, stored: makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() - 1 }) })
    const tokens = await Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken()))
    expect(new Set(tokens)).toEqual(new Set(['access-1']))
    expect(flow.calls.refresh).toBe(1)
  })

  it('two sessions (as two processes would) renew once: the second uses what the first wrote', async () => {
    const clock = manualClock(10_000_000)
    const flow = rotatingFlow(clock, { delayMs: 30 })
    const store = createMemoryStore()
    await store.set(KEY, makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() - 1 }))
    const dir = await dirs.make()
    const make = () => createAuth({ name: 'mycli', host: HOST, dir, flows: [flow], stores: [store], env: {}, interactive: false, now: clock.now })
    const tokens = await Promise.all([make().getAccessToken(), make().getAccessToken(), make().getAccessToken()])
    expect(tokens).toEqual(['access-1', 'access-1', 'access-1'])
    expect(flow.calls.refresh).toBe(1)
  })

  it('a refused refresh token marks the credential as needing a login, keeps it, and fails with exit 4', async () => {
    const clock = manualClock(10_000_000)
    const { auth, store } = await session({ now: clock.now, flow: rotatingFlow(clock, { refuse: true }), stored: makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() - 1 }) })
    const error = await auth.getAccessToken().catch((e: unknown) => e)
    expect(AuthError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', exitCode: 4, hint: 'run `mycli auth login`' })
    expect((error as Error).message).toMatch(/session expired/)
    expect(await store.get(KEY)).toMatchObject({ needsLogin: true, refreshToken: 'refresh-0' })
    // The next call does not spend the refused token again.
    await expect(auth.getAccessToken({ noLogin: true })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' })
  })

  it('on invalid_grant, adopts a credential another process wrote meanwhile', async () => {
    const clock = manualClock(10_000_000)
    const store = createMemoryStore()
    const flow = rotatingFlow(clock, { refuse: true })
    const original = flow.refresh!
    flow.refresh = async (credential, ctx, options) => {
      await store.set(KEY, makeCredential({ accessToken: 'access-other', refreshToken: 'refresh-other', expiresAt: clock.now() + 3_600_000 }))
      return original(credential, ctx, options)
    }
    const { auth } = await session({ now: clock.now, backing: store, flow, stored: makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() - 1 }) })
    expect(await auth.getAccessToken()).toBe('access-other')
  })

  it('an expired credential that cannot be renewed is LOGIN_REQUIRED-class exit 4 naming the login command', async () => {
    const clock = manualClock(10_000_000)
    const { auth } = await session({ now: clock.now, loginCommand: 'mycli auth login --profile ci', stored: makeCredential({ flow: 'pat', expiresAt: clock.now() - 1 }), flows: [] })
    await expect(auth.getAccessToken()).rejects.toMatchObject({ exitCode: 4, hint: 'run `mycli auth login --profile ci`' })
  })

  it('a credential that cannot be renewed is used until it expires, even inside the skew; then LOGIN_REQUIRED-class', async () => {
    const clock = manualClock(10_000_000)
    const stored = makeCredential({ flow: 'pat', accessToken: 'pat-expiring-soon', expiresAt: clock.now() + 20_000 })
    const { auth } = await session({ now: clock.now, stored, flows: [] })
    expect(await auth.getAccessToken()).toBe('pat-expiring-soon')
    await expect(auth.refresh()).rejects.toMatchObject({ code: 'NOT_REFRESHABLE', exitCode: 4 })
    clock.advance(20_000)
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'NOT_REFRESHABLE', exitCode: 4 })
  })

  it('nothing stored and nobody at the terminal: LOGIN_REQUIRED, exit 4', async () => {
    const { auth } = await session({ stored: undefined })
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4, message: `not logged in to ${HOST}` })
    // "Nothing here" is told apart from a failed renewal by its cause, the chain's NotFoundError.
    expect(NotFoundError.isInstance(((await auth.getAccessToken().catch((e: unknown) => e)) as Error).cause)).toBe(true)
  })

  it("nothing stored and interactive: logs in with the first flow (given the product's dir) and stores it", async () => {
    const dir = await dirs.make()
    const { auth, store, flow } = await session({ stored: undefined, interactive: true, dir })
    expect(await auth.getAccessToken()).toBe('access-from-login')
    expect(flow.calls.login).toBe(1)
    expect(flow.calls.dirs).toEqual([dir])
    expect(await store.get(KEY)).toMatchObject({ accessToken: 'access-from-login' })
  })

  it('<PREFIX>_TOKEN wins over every store and is never written', async () => {
    const { auth, store } = await session({ env: { MYCLI_TOKEN: 'env-token-value-123' } })
    expect(await auth.getCredential()).toMatchObject({ credential: { accessToken: 'env-token-value-123' }, source: 'env:MYCLI_TOKEN' })
    expect(store.calls.get).toBe(0)
    expect(store.calls.set).toBe(0)
  })

  it('stored() reads offline: an expired credential as is, no renewal', async () => {
    const clock = manualClock(10_000_000)
    const { auth, flow } = await session({ now: clock.now, stored: makeCredential({ refreshToken: 'refresh-0', expiresAt: clock.now() - 1 }) })
    expect(await auth.stored()).toMatchObject({ credential: { accessToken: 'access-token-value-1' }, source: 'memory', key: KEY, refreshed: false })
    expect(flow.calls.refresh).toBe(0)
  })

  it('refresh({ scopes }) renews now and passes the scopes to the flow', async () => {
    const { auth, flow } = await session()
    expect((await auth.refresh({ scopes: ['openid'] })).credential.accessToken).toBe('access-1')
    expect(flow.calls.scopes).toEqual([['openid']])
  })

  it("refresh({ scopes }) wider than the login is refused before anything is spent, in the product's words", async () => {
    const { auth, flow } = await session({ stored: makeCredential({ refreshToken: 'refresh-0', scopes: ['openid', 'read'] }) })
    const refused = await auth.refresh({ scopes: ['read', 'write'] }).catch((error: unknown) => error)
    expect(refused).toMatchObject({
      code: 'USAGE_ERROR',
      exitCode: 2,
      message: `a refresh can only narrow the scopes, and write was not granted at login to ${KEY.host} (granted: openid read)`,
      hint: 'log in again with the scopes you need: mycli auth login',
    })
    expect(flow.calls.refresh).toBe(0)
    const worded = await session({
      stored: makeCredential({ refreshToken: 'refresh-0', scopes: ['openid'] }),
      loginCommand: ({ scopes }) => `mycli login${(scopes ?? []).map((s) => ` --scope ${s}`).join('')}`,
    })
    await expect(worded.auth.refresh({ scopes: ['write'] })).rejects.toMatchObject({ hint: 'log in again with the scopes you need: mycli login --scope openid --scope write' })
    await expect(worded.auth.getAccessToken({ forceRefresh: true, noLogin: true })).resolves.toBe('access-1')
  })

  it('LOGIN_REQUIRED carries login.command, and login.begin when loginCommand names a non-blocking command', async () => {
    const plain = await session({ stored: undefined })
    await expect(plain.auth.getAccessToken()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', login: { command: 'mycli auth login' } })
    expect(((await plain.auth.getAccessToken().catch((e: unknown) => e)) as AuthError).login).toEqual({ command: 'mycli auth login' })
    const both = await session({ stored: undefined, loginCommand: ({ begin }) => (begin === true ? 'mycli login --begin --json' : 'mycli login') })
    await expect(both.auth.getAccessToken()).rejects.toMatchObject({ login: { command: 'mycli login', begin: 'mycli login --begin --json' } })
    // A function written before `begin` existed answers its usual command: no begin command.
    const old = await session({ stored: undefined, loginCommand: () => 'mycli login' })
    expect(((await old.auth.getAccessToken().catch((e: unknown) => e)) as AuthError).login).toEqual({ command: 'mycli login' })
  })

  it('passes over a probeBeforeRead store that is not available here', async () => {
    const broken: CredentialStore = {
      kind: 'keychain',
      get: async () => {
        throw new StorageError('no bus')
      },
      set: async () => {},
      delete: async () => false,
      list: async () => {
        throw new StorageError('no bus')
      },
      probe: async () => ({ available: false, reason: 'no D-Bus session bus' }),
      probeBeforeRead: true,
    }
    const store = createMemoryStore()
    await store.set(KEY, makeCredential({ expiresAt: Date.now() + 3_600_000 }))
    const auth = createAuth({ name: 'mycli', host: HOST, dir: await dirs.make(), flows: [], stores: [broken, store], env: {}, interactive: false })
    expect(await auth.getAccessToken()).toBe('access-token-value-1')
  })

  it('a store that fails when read (a corrupt file) is an error, not skipped', async () => {
    const corrupt: CredentialStore = {
      ...createMemoryStore(),
      kind: 'file',
      get: async () => {
        throw new StorageError('corrupt')
      },
      list: async () => {
        throw new StorageError('corrupt')
      },
      probe: async () => ({ available: false, reason: 'corrupt' }),
    }
    const auth = createAuth({ name: 'mycli', host: HOST, dir: await dirs.make(), flows: [], stores: [corrupt], env: {}, interactive: false })
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'STORAGE_ERROR', exitCode: 6 })
  })
})

describe('createAuth: which stored credential', () => {
  const credential = (over: Partial<Credential> = {}): Credential => ({ accessToken: 'token-value-1234', tokenType: 'Bearer', scopes: [], account: {}, flow: 'device', obtainedAt: 1, ...over })
  const make = async (stores: CredentialStore[], over: Partial<AuthOptions> = {}) =>
    createAuth({ name: 'mycli', host: HOST, dir: await dirs.make(), flows: [], stores, env: {}, interactive: false, ...over })

  it('the host in the first store holding it', async () => {
    const a = createMemoryStore()
    const b = createMemoryStore()
    await b.set({ host: HOST, account: 'alice' }, credential())
    await a.set({ host: 'https://other.example.com', account: 'bob' }, credential())
    expect(await (await make([a, b])).stored()).toMatchObject({ store: b, key: { host: HOST, account: 'alice' } })
    expect(await (await make([a, b], { host: 'https://none.example.com' })).stored()).toBeUndefined()
  })

  it('among several accounts: the preferred flow and client, then the newest', async () => {
    const store = createMemoryStore()
    await store.set({ host: HOST, account: 'pat-user' }, credential({ flow: 'pat', obtainedAt: 9 }))
    await store.set({ host: HOST, account: 'old' }, credential({ clientId: 'cli', obtainedAt: 1 }))
    await store.set({ host: HOST, account: 'new' }, credential({ clientId: 'cli', obtainedAt: 5 }))
    await store.set({ host: HOST, account: 'bot' }, credential({ flow: 'client-credentials', clientId: 'bot', obtainedAt: 2 }))
    expect((await (await make([store], { prefer: { flow: 'device', clientId: 'cli' } })).stored())?.key?.account).toBe('new')
    expect((await (await make([store], { prefer: { flow: 'client-credentials' } })).stored())?.key?.account).toBe('bot')
    expect((await (await make([store])).stored())?.key?.account).toBe('pat-user')
  })

  it('a store with entries(): one call per lookup, no list or get, and the same choice as list + get', async () => {
    const inner = createMemoryStore()
    await inner.set({ host: HOST, account: 'pat-user' }, credential({ flow: 'pat', obtainedAt: 9 }))
    await inner.set({ host: HOST, account: 'new' }, credential({ clientId: 'cli', obtainedAt: 5 }))
    await inner.set({ host: 'https://other.example.com', account: 'newest' }, credential({ clientId: 'cli', obtainedAt: 99 }))
    const calls = { entries: 0, list: 0, get: 0 }
    // The memory store with the optional `entries`, built from its own list and get.
    const store: CredentialStore = {
      ...inner,
      list: () => (calls.list++, inner.list()),
      get: (key) => (calls.get++, inner.get(key)),
      entries: async () => {
        calls.entries++
        return Promise.all((await inner.list()).map(async (key) => ({ key, credential: (await inner.get(key)) as Credential })))
      },
    }
    for (const prefer of [{ flow: 'device', clientId: 'cli' }, {}] as const) {
      const auth = await make([store], { prefer })
      const plain = await make([inner], { prefer })
      expect((await auth.stored())?.key).toEqual((await plain.stored())?.key)
      expect(await auth.getAccessToken()).toBe('token-value-1234')
    }
    expect((await (await make([store], { prefer: { flow: 'device', clientId: 'cli' } })).stored())?.key?.account).toBe('new')
    expect(calls).toEqual({ entries: 5, list: 0, get: 0 })
  })

  it('a pinned account: exactly that one on that host', async () => {
    const store = createMemoryStore()
    await store.set({ host: HOST, account: 'alice' }, credential({ obtainedAt: 1 }))
    await store.set({ host: HOST, account: 'bob' }, credential({ obtainedAt: 9 }))
    await store.set({ host: 'https://other.example.com', account: 'carol' }, credential())
    expect((await (await make([store], { account: 'alice' })).stored())?.key?.account).toBe('alice')
    expect((await (await make([store])).stored())?.key?.account).toBe('bob')
    expect(await (await make([store], { account: 'carol' })).stored()).toBeUndefined()
  })
})

describe('createAuth: fetch', () => {
  function server(statuses: number[]) {
    const seen: { url: string; auth: string | null; tenant: string | null; body: string | null }[] = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers)
      seen.push({ url: String(input), auth: headers.get('authorization'), tenant: headers.get('x-tenant'), body: typeof init?.body === 'string' ? init.body : null })
      return new Response('{}', { status: statuses.shift() ?? 200 })
    }
    return { fetch, seen }
  }

  it('sends the bearer token and the tenant header to a path on the host', async () => {
    const { fetch, seen } = server([200])
    const { auth } = await session({ fetch, tenant: 'acme' })
    expect((await auth.fetch('/api/v1/profile')).status).toBe(200)
    expect(seen).toEqual([{ url: `${HOST}/api/v1/profile`, auth: 'Bearer access-token-value-1', tenant: 'acme', body: null }])
  })

  it('on 401 renews once and retries once with the new token', async () => {
    const { fetch, seen } = server([401, 401])
    const { auth, flow } = await session({ fetch })
    expect((await auth.fetch('/x', { method: 'POST', body: '{"a":1}' })).status).toBe(401)
    expect(flow.calls.refresh).toBe(1)
    expect(seen.map((r) => [r.auth, r.body])).toEqual([
      ['Bearer access-token-value-1', '{"a":1}'],
      ['Bearer access-1', '{"a":1}'],
    ])
  })

  it('request says whether it renewed and retried', async () => {
    const { fetch } = server([200, 401, 200])
    const { auth } = await session({ fetch })
    const first = await auth.request('/x')
    expect([first.response.status, first.renewed]).toEqual([200, false])
    const second = await auth.request('/x')
    expect([second.response.status, second.renewed]).toEqual([200, true])
  })

  it('never sends a one-shot stream body twice', async () => {
    const { fetch, seen } = server([401])
    const { auth, flow } = await session({ fetch })
    const body = new ReadableStream({
      start: (c) => {
        c.enqueue(new TextEncoder().encode('x'))
        c.close()
      },
    })
    expect((await auth.fetch('/x', { method: 'POST', body, duplex: 'half' } as RequestInit)).status).toBe(401)
    expect(seen).toHaveLength(1)
    expect(flow.calls.refresh).toBe(0)
  })

  it('refuses to send the token to another origin', async () => {
    const { fetch, seen } = server([200])
    const { auth } = await session({ fetch })
    await expect(auth.fetch('https://api.example.com.evil.test/x')).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
    await expect(auth.fetch('http://api.example.com/x')).rejects.toMatchObject({ code: 'USAGE_ERROR' })
    await expect(auth.fetch('//evil.test/x')).rejects.toMatchObject({ code: 'USAGE_ERROR' })
    expect(seen).toHaveLength(0)
  })
})

describe('createAuth: login, logout, status', () => {
  it('logout revokes once and deletes from every store holding the credential', async () => {
    const a = createMemoryStore()
    const b = createMemoryStore()
    await a.set(KEY, makeCredential({ refreshToken: 'refresh-0' }))
    await b.set(KEY, makeCredential({ refreshToken: 'refresh-0' }))
    const flow = rotatingFlow(manualClock())
    const twoStores = createAuth({ name: 'mycli', host: HOST, dir: await dirs.make(), flows: [flow], stores: [a, b], env: {}, interactive: false })
    const result = await twoStores.logout()
    expect(result.loggedOut).toEqual([{ host: HOST, account: 'alice', stores: ['memory', 'memory'], revoked: true }])
    expect(flow.calls.revoke).toBe(1)
    expect(await a.get(KEY)).toBeUndefined()
    expect(await b.get(KEY)).toBeUndefined()
  })

  it('a failed revocation is a warning; the local copy goes anyway', async () => {
    const warnings: string[] = []
    const clock = manualClock()
    const flow = rotatingFlow(clock)
    flow.revoke = async () => {
      throw new NetworkError('connection refused')
    }
    const { auth, store } = await session({ flow, context: { output: { info: () => {}, warn: (m) => warnings.push(m) } } })
    const result = await auth.logout()
    expect(result.loggedOut[0]).toMatchObject({ revoked: false, revokeError: 'connection refused' })
    expect(warnings[0]).toMatch(/could not revoke the token of alice/)
    expect(await store.get(KEY)).toBeUndefined()
  })

  it('logout with nothing stored is LOGIN_REQUIRED', async () => {
    const { auth } = await session({ stored: undefined })
    await expect(auth.logout()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' })
  })

  it('status warns about a token without a refresh token that expires within 30 s', async () => {
    const clock = manualClock(10_000_000)
    const { auth } = await session({ now: clock.now, stored: makeCredential({ expiresAt: clock.now() + 20_000 }) })
    const status = await auth.status()
    expect(status.credentials[0]).toMatchObject({ account: 'alice', valid: true, refreshable: false, needsLogin: false })
    expect(status.credentials[0]?.warning).toMatch(/expires in 20 s and cannot be renewed; run `mycli auth login`/)
  })

  it('login with auto writes to the first available store and says so when it is not the first', async () => {
    const warnings: string[] = []
    const down: CredentialStore = { ...createMemoryStore(), kind: 'keychain', probeBeforeRead: true, probe: async () => ({ available: false, reason: 'no D-Bus session bus' }) }
    const file = createMemoryStore()
    const clock = manualClock()
    const auth = createAuth({
      name: 'mycli',
      host: HOST,
      dir: await dirs.make(),
      flows: [rotatingFlow(clock)],
      stores: [down, file],
      env: {},
      interactive: false,
      context: { output: { info: () => {}, warn: (m) => warnings.push(m) } },
    })
    const result = await auth.login()
    expect(result.store).toBe(file)
    expect(warnings).toEqual(['the keychain is not available (no D-Bus session bus): storing credentials in the memory store'])
    expect(await file.get(KEY)).toMatchObject({ accessToken: 'access-from-login' })
  })

  it("words a login error's tagged hint with the product's hints, and keeps the package's for other keys", async () => {
    const failing = (hintKey: string): Flow => ({
      kind: 'pkce',
      login: async () => {
        throw new NetworkError('no callback port available', { code: 'CALLBACK_PORT_BUSY', hint: 'the "portRange" option', hintKey })
      },
    })
    const hints = { [HintKey.CALLBACK_PORT_BUSY]: 'try --port-range 9000-9010, --port N, or --device' }
    const make = (flow: Flow) => createAuth({ name: 'mycli', host: HOST, dir: '/tmp', flows: [flow], stores: [createMemoryStore()], env: {}, interactive: false, hints })
    await expect(make(failing(HintKey.CALLBACK_PORT_BUSY)).login()).rejects.toMatchObject({ code: 'CALLBACK_PORT_BUSY', exitCode: 5, hint: hints[HintKey.CALLBACK_PORT_BUSY] })
    await expect(make(failing('other')).login()).rejects.toMatchObject({ hint: 'the "portRange" option' })
    expect(() => createAuth({ name: 'mycli', host: HOST, dir: '/tmp', flows: [], stores: [createMemoryStore()], hints: { k: 1 } as never })).toThrow(/createAuth: "hints" must map hint keys/)
  })

  it('checks its options, naming createAuth and the option', () => {
    expect(() => createAuth({ name: 'mycli', host: HOST, dir: '/tmp', flows: [], stores: [] })).toThrow(/createAuth: "stores" must list at least one store/)
    expect(() => createAuth({ name: '', host: HOST, dir: '/tmp', flows: [], stores: [createMemoryStore()] })).toThrow(/createAuth: "name"/)
    expect(() => createAuth({ name: 'mycli', host: HOST, dir: '.mycli', flows: [], stores: [createMemoryStore()] })).toThrow(/createAuth: "dir" must be an absolute path, not ".mycli"/)
  })
})

describe('createAuth: the env token', () => {
  const envOptions = (envToken: NonNullable<AuthOptions['envToken']>, warnings: string[] = []) => ({
    env: { MYCLI_TOKEN: 'env-token-0123456789' },
    envToken,
    context: { output: { info: () => {}, warn: (m: string) => void warnings.push(m) } },
  })

  it('is used only by a session for the host it belongs to', async () => {
    const mine = await session(envOptions({ host: `${HOST}/` }))
    expect(await mine.auth.getCredential()).toMatchObject({ credential: { accessToken: 'env-token-0123456789' }, source: 'env:MYCLI_TOKEN' })
    expect((await mine.auth.status()).envToken).toBe('MYCLI_TOKEN')
    const other = await session(envOptions({ host: 'https://other.example.com' }))
    expect(await other.auth.getAccessToken()).toBe('access-token-value-1')
    expect((await other.auth.stored())?.source).toBe('memory')
    expect((await other.auth.status()).envToken).toBeUndefined()
    const anyHost = await session(envOptions({ variable: 'MYCLI_TOKEN' }))
    expect(await anyHost.auth.getAccessToken()).toBe('env-token-0123456789')
  })

  it('while in force: login and refresh are refused (USAGE_ERROR), logout warns that it stays', async () => {
    const warnings: string[] = []
    const { auth, flow, store } = await session(envOptions(true, warnings))
    await expect(auth.login()).rejects.toMatchObject({
      code: 'USAGE_ERROR',
      exitCode: 2,
      message: 'MYCLI_TOKEN is set, and it wins over any stored credential',
      hint: 'unset MYCLI_TOKEN to log in and store a credential',
    })
    await expect(auth.beginLogin()).rejects.toMatchObject({ code: 'USAGE_ERROR', message: 'MYCLI_TOKEN is set, and it wins over any stored credential' })
    await expect(auth.refresh()).rejects.toMatchObject({ code: 'USAGE_ERROR', message: 'MYCLI_TOKEN is set: that token is not stored, so there is nothing to refresh' })
    expect(flow.calls).toMatchObject({ login: 0, refresh: 0 })
    await auth.logout()
    expect(warnings).toEqual(['MYCLI_TOKEN is set: it is not stored anywhere, so logging out does not remove it; unset it too'])
    expect(await store.list()).toEqual([])
  })

  it("loginUnderEnvToken: 'warn': a login stores and warns that the env token overrides it", async () => {
    const warnings: string[] = []
    const { auth, flow, store } = await session({ ...envOptions(true, warnings), loginUnderEnvToken: 'warn' })
    const result = await auth.login()
    expect(result.envTokenWins).toBe('MYCLI_TOKEN')
    expect(warnings).toEqual([`MYCLI_TOKEN is set: it overrides the credential just saved for ${HOST}; unset it to use the saved one`])
    expect(await store.list()).toEqual([result.key])
    expect(await auth.getAccessToken()).toBe('env-token-0123456789')
    expect(flow.calls).toMatchObject({ login: 1 })
    await expect(session({ loginUnderEnvToken: 'sometimes' as never })).rejects.toThrow(/createAuth: "loginUnderEnvToken" must be 'refuse' or 'warn'/)
  })

  it('checks the option', async () => {
    await expect(session({ envToken: { host: 42 } as never })).rejects.toThrow(/createAuth: "envToken.host" must be a URL/)
  })
})

describe('createAuth: login', () => {
  it('moves a corrupt file aside first and says so through the output', async () => {
    const warnings: string[] = []
    let corrupt = true
    const file: CredentialStore = {
      ...createMemoryStore(),
      kind: 'file',
      probe: async () => (corrupt ? { available: false, reason: 'the credentials file is corrupt' } : { available: true }),
      moveAsideCorrupt: async () => ((corrupt = false), '/home/u/.mycli/credentials.corrupt-1'),
    }
    const { auth } = await session({ stores: [file], stored: undefined, context: { output: { info: () => {}, warn: (m) => void warnings.push(m) } } })
    const result = await auth.login()
    expect(result.store).toBe(file)
    expect(warnings).toEqual(['the credentials file could not be read and was moved aside to /home/u/.mycli/credentials.corrupt-1; log in again to each host it held'])
  })

  it('keeps the issuer and client the flow recorded; timeoutMs ends a login that hangs with LOGIN_TIMEOUT', async () => {
    const clock = manualClock()
    const recording: Flow = { kind: 'device', login: async () => makeCredential({ issuer: 'https://login.example.com', clientId: 'mycli', source: 'x' }) }
    const { auth, store } = await session({ flow: recording, stored: undefined, now: clock.now })
    const { key } = await auth.login()
    expect(await store.get(key)).toMatchObject({ issuer: 'https://login.example.com', clientId: 'mycli' })
    const hanging: Flow = {
      kind: 'device',
      login: (ctx) => new Promise((_resolve, reject) => ctx.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    }
    const slow = await session({ flow: hanging, stored: undefined })
    await expect(slow.auth.login(undefined, { timeoutMs: 30 })).rejects.toMatchObject({ code: 'LOGIN_TIMEOUT', exitCode: 4, message: 'the login did not finish within 0.03 s' })
  })
})

describe('createAuth: beginLogin / resumeLogin through the flow that can be split', () => {
  /** A product's own two-step flow: `begin` hands out a code, the second `pollOnce` finishes. */
  function twoStepFlow(clock: { now: () => number }, withMachinery: boolean) {
    let asks = 0
    const flow: Flow = {
      kind: 'two-step',
      login: async () => makeCredential({ obtainedAt: clock.now() }),
      begin: async (): Promise<PendingLogin> => ({
        secret: 'device-code-secret-0123',
        userCode: 'ABCD-EFGH',
        verificationUri: 'https://login.example.com/device',
        expiresAt: clock.now() + 600_000,
        intervalMs: 5_000,
        scopes: ['read'],
      }),
      pollOnce: async () => (++asks < 2 ? { status: 'pending', intervalMs: 5_000 } : { status: 'done', credential: makeCredential({ accessToken: 'access-from-poll', obtainedAt: clock.now() }) }),
      ...(withMachinery && { pendingLogins }),
    }
    return flow
  }

  it('a flow carrying pendingLogins begins, stays pending, then is stored; a handle that is not pending is LOGIN_REQUIRED', async () => {
    const clock = manualClock(10_000_000)
    const { auth, store } = await session({ flow: twoStepFlow(clock, true), stored: undefined, now: clock.now })
    const begun = await auth.beginLogin()
    expect(begun).toMatchObject({ userCode: 'ABCD-EFGH', verificationUri: 'https://login.example.com/device', expiresIn: 600, interval: 5, superseded: 0 })
    expect(JSON.stringify(begun)).not.toContain('device-code-secret')
    clock.advance(5_000)
    expect(await auth.resumeLogin(begun.handle, { wait: false })).toMatchObject({ status: 'pending', retryAfter: 5 })
    clock.advance(5_000)
    const done = await auth.resumeLogin(begun.handle, { wait: false })
    expect(done).toMatchObject({ status: 'done', credential: { accessToken: 'access-from-poll' } })
    expect(await auth.getAccessToken()).toBe('access-from-poll')
    expect((await store.list()).map((key) => key.account)).toEqual(['alice'])
    await expect(auth.resumeLogin(begun.handle)).rejects.toMatchObject({ code: 'LOGIN_REQUIRED', exitCode: 4 })
    await expect(auth.resumeLogin('not a handle')).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
  })

  it('a flow with begin and pollOnce but without pendingLogins cannot be begun (USAGE_ERROR), nor can a flow without begin', async () => {
    const clock = manualClock(10_000_000)
    const bare = await session({ flow: twoStepFlow(clock, false), stored: undefined, now: clock.now })
    await expect(bare.auth.beginLogin()).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2, message: 'the two-step login cannot be begun and resumed later' })
    const plain = await session({ stored: undefined })
    await expect(plain.auth.beginLogin()).rejects.toMatchObject({
      code: 'USAGE_ERROR',
      message: 'the device login cannot be begun and resumed later',
      hint: 'run `mycli auth login`',
    })
    expect(await plain.store.list()).toEqual([])
    // The hint is in the product's words: its own begin command when it has one, never a library function.
    const named = await session({ stored: undefined, loginCommand: ({ begin }) => (begin ? 'mycli login --device --begin' : 'mycli login') })
    await expect(named.auth.beginLogin()).rejects.toMatchObject({ code: 'USAGE_ERROR', hint: 'run `mycli login --device --begin`' })
  })
})
