import { ConfigError, StorageError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { keychainDataKey } from './keychain-data-key.js'
import { fakeBackend, failingBackend } from './_test-fakes.js'

describe('keychainDataKey', () => {
  it('creates a random 32-byte key once, stores it as base64, and reads the same one later', async () => {
    const backend = fakeBackend()
    const key = await keychainDataKey({ service: 'authcli', backend })()
    expect(key).toBeInstanceOf(Uint8Array)
    expect(key).toHaveLength(32)
    const stored = backend.entries.get('authcli\ndata-key')
    expect(Buffer.from(stored ?? '', 'base64')).toEqual(Buffer.from(key))
    expect(await keychainDataKey({ service: 'authcli', backend })()).toEqual(key)
    const other = await keychainDataKey({ service: 'authcli', account: 'other-key', backend })()
    expect(other).not.toEqual(key)
  })

  it('reads the keychain once per provider and hands out copies', async () => {
    const backend = fakeBackend()
    const provider = keychainDataKey({ service: 'authcli', backend })
    const first = await provider()
    const calls = backend.calls.length
    first.fill(0)
    const second = await provider()
    expect(backend.calls.length).toBe(calls)
    expect(second.some((b) => b !== 0)).toBe(true)
  })

  it.each([['not base64 !!'], ['c2hvcnQ='], [Buffer.alloc(33).toString('base64')], [` ${Buffer.alloc(32, 1).toString('base64')}`]])(
    'refuses a stored value that is not a base64 32-byte key (%j), and never overwrites it',
    async (stored) => {
      const backend = fakeBackend()
      backend.entries.set('authcli\ndata-key', stored)
      const error = await keychainDataKey({ service: 'authcli', backend })().catch((e: unknown) => e)
      expect(StorageError.isInstance(error)).toBe(true)
      expect((error as Error).message).not.toContain(stored.trim())
      expect(backend.entries.get('authcli\ndata-key')).toBe(stored)
    },
  )

  it('retries after a failure instead of caching it', async () => {
    const backend = fakeBackend()
    let fail = true
    const flaky = { ...backend, get: (s: string, a: string) => (fail ? failingBackend('Platform failure: boom').get(s, a) : backend.get(s, a)) }
    const provider = keychainDataKey({ service: 'authcli', backend: flaky })
    await expect(provider()).rejects.toThrow(/boom/)
    fail = false
    expect(await provider()).toHaveLength(32)
  })

  it('refuses bad options at once', () => {
    expect(() => keychainDataKey({ service: '' })).toThrow(ConfigError)
    expect(() => keychainDataKey(null as never)).toThrow(ConfigError)
  })
})
