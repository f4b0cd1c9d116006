import { ConfigError, StorageError, redact } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { createKeychainSecret } from './create-keychain-secret.js'
import { fakeBackend, hangingBackend } from './_test-fakes.js'

describe('createKeychainSecret', () => {
  it('sets, gets and deletes one secret under (service, account)', async () => {
    const backend = fakeBackend()
    const secret = createKeychainSecret({ service: 'authcli', account: 'client-secret', backend, platform: 'linux' })
    expect(await secret.get()).toBeUndefined()
    await secret.set('s3cr3t-client-value')
    expect(backend.entries.get('authcli\nclient-secret')).toBe('s3cr3t-client-value')
    expect(await secret.get()).toBe('s3cr3t-client-value')
    expect(redact('leaked s3cr3t-client-value')).toBe('leaked ***')
    expect(await secret.delete()).toBe(true)
    expect(await secret.delete()).toBe(false)
  })

  it('chunks a long secret on Windows', async () => {
    const backend = fakeBackend({ limitBytes: 2560 })
    const secret = createKeychainSecret({ service: 'authcli', account: 'big', backend, platform: 'win32' })
    await secret.set('k'.repeat(5000))
    expect(await secret.get()).toBe('k'.repeat(5000))
    expect(backend.entries.size).toBe(5)
  })

  it('fails within timeoutMs', async () => {
    const secret = createKeychainSecret({ service: 'authcli', account: 'x', backend: hangingBackend(), timeoutMs: 30 })
    const error = await secret.get().catch((e: unknown) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/did not answer within 0\.03 s/)
  })

  it.each([
    ['an empty account', { service: 'authcli', account: '' }],
    ['no account', { service: 'authcli' }],
    ['no service', { account: 'x' }],
  ])('refuses %s', (_what, options) => {
    expect(() => createKeychainSecret(options as never)).toThrow(/createKeychainSecret\(\): "(account|service)"/)
  })

  it.each([[''], [42], [undefined]])('refuses to set %j', async (value) => {
    const secret = createKeychainSecret({ service: 'authcli', account: 'x', backend: fakeBackend() })
    const error = await secret.set(value as never).catch((e: unknown) => e)
    expect(ConfigError.isInstance(error)).toBe(true)
  })
})
