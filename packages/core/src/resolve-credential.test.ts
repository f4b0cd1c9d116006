import { describe, expect, it, vi } from 'vitest'
import { makeCredential, manualClock } from './_test-fixtures.js'
import { AuthenticationError, ConfigError, NotFoundError, StorageError } from './errors.js'
import { createMemoryStore } from './create-memory-store.js'
import { credentialKey } from './credential-key.js'
import { resolveCredential } from './resolve-credential.js'
import type { CredentialStore } from './types.js'

const key = credentialKey('example.com')
const clock = manualClock(1_000_000)

describe('resolveCredential', () => {
  it('prefers the env token and never touches the store', async () => {
    const store = createMemoryStore()
    const get = vi.spyOn(store, 'get')
    const out = await resolveCredential({ key, store, env: { AUTHCLI_TOKEN: 'env-token-value' } })
    expect(out).toMatchObject({ accessToken: 'env-token-value', source: 'env:AUTHCLI_TOKEN' })
    expect(get).not.toHaveBeenCalled()
  })

  it('uses the env prefix or an explicit variable', async () => {
    await expect(resolveCredential({ key, env: { MYAPP_TOKEN: 'abcdefghij' }, envPrefix: 'MYAPP' })).resolves.toMatchObject({ source: 'env:MYAPP_TOKEN' })
    await expect(resolveCredential({ key, env: { GH_TOKEN: 'abcdefghij' }, tokenVariable: 'GH_TOKEN' })).resolves.toMatchObject({ source: 'env:GH_TOKEN' })
  })

  it('then the store', async () => {
    const store = createMemoryStore()
    await store.set(key, makeCredential())
    await expect(resolveCredential({ key, store, env: {} })).resolves.toMatchObject({ source: 'memory' })
  })

  it('then a refresh, written back', async () => {
    const store = createMemoryStore()
    await store.set(key, makeCredential({ expiresAt: 1, refreshToken: 'rt' }))
    const out = await resolveCredential({ key, store, env: {}, now: clock.now, refresh: async () => makeCredential({ accessToken: 'fresh', expiresAt: 9e9 }) })
    expect(out).toMatchObject({ accessToken: 'fresh', source: 'memory' })
    expect((await store.get(key))?.accessToken).toBe('fresh')
  })

  it('then an interactive login, stored', async () => {
    const store = createMemoryStore()
    const login = vi.fn(async () => makeCredential({ accessToken: 'logged-in' }))
    await expect(resolveCredential({ key, store, env: {}, login, interactive: true })).resolves.toMatchObject({ accessToken: 'logged-in', source: 'memory' })
    expect(login).toHaveBeenCalledOnce()
    expect((await store.get(key))?.accessToken).toBe('logged-in')
  })

  it('logs in after a refused refresh token', async () => {
    const store = createMemoryStore()
    await store.set(key, makeCredential({ expiresAt: 1, refreshToken: 'rt' }))
    const { OAuthError } = await import( './errors.js')
    const refresh = async () => { throw new OAuthError('refused', { error: 'invalid_grant', code: 'INVALID_GRANT' }) }
    await expect(resolveCredential({ key, store, env: {}, now: clock.now, refresh, interactive: true, login: async () => makeCredential({ accessToken: 'again' }) })).resolves.toMatchObject({ accessToken: 'again' })
  })

  it('turns "nothing anywhere" into LOGIN_REQUIRED, exit 4, with the hint', async () => {
    const error = await resolveCredential({ key, store: createMemoryStore(), env: {}, login: async () => makeCredential() }).catch((e: unknown) => e)
    expect(AuthenticationError.isInstance(error)).toBe(true)
    const e = error as AuthenticationError
    expect(e.code).toBe('LOGIN_REQUIRED')
    expect(e.exitCode).toBe(4)
    expect(e.hint).toBe('run `authcli auth login`')
    expect(e.message).toContain('https://example.com')
    expect(NotFoundError.isInstance(e.cause)).toBe(true)
    expect(NotFoundError.isInstance(e)).toBe(false)
  })

  it('names the configured CLI in the hint', async () => {
    await expect(resolveCredential({ key, env: {}, cliName: 'acme' })).rejects.toMatchObject({ hint: 'run `acme auth login`' })
  })

  it('lets other errors through unchanged', async () => {
    await expect(resolveCredential({ key, env: { AUTHCLI_TOKEN: 'two\nlines' } })).rejects.toThrow(ConfigError)
    const broken: CredentialStore = { kind: 'file', get: async () => { throw new StorageError('corrupt') }, set: async () => {}, delete: async () => false, list: async () => [] }
    await expect(resolveCredential({ key, store: broken, env: {} })).rejects.toThrow(StorageError)
  })

  it('rejects bad options', async () => {
    await expect(resolveCredential(undefined as never)).rejects.toThrow(ConfigError)
    await expect(resolveCredential({ key: { host: 'ftp://x', account: 'a' }, env: {} })).rejects.toThrow(ConfigError)
    await expect(resolveCredential({ key, env: {}, interactive: 'yes' as never })).rejects.toThrow(/interactive/)
    await expect(resolveCredential({ key, env: {}, cliName: '' })).rejects.toThrow(/cliName/)
    await expect(resolveCredential({ key, env: {}, envPrefix: 'BAD-PREFIX' })).rejects.toThrow(/envPrefix/)
  })
})
