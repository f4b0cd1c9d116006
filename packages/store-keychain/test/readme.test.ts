import { credentialKey } from '@auth/core'
import { readmeExample } from '@auth/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createKeychainSecret, createKeychainStore } from '../src/index.js'
import { insideWithKeyring, keyringSupport, startPrivateKeyring, type PrivateKeyring } from './_keyring.js'
import { dataKey, example } from './readme-example.js'

describe('README', () => {
  it('shows the example that is compiled and run here', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/store-keychain')
    expect(block).toBe(example)
  })
})

const support = keyringSupport()
if (!support.run && process.env['CI']) it('has the tools for the keychain tests (CI)', () => expect.fail(support.why))

describe.runIf(support.run)('README example on a real Secret Service', () => {
  let k: PrivateKeyring | undefined
  const service = `kc-readme-${process.pid}`
  beforeAll(async () => {
    if (insideWithKeyring()) return
    k = await startPrivateKeyring({ unlock: true })
    process.env['DBUS_SESSION_BUS_ADDRESS'] = k.address
  })
  afterAll(async () => {
    await createKeychainStore({ service }).delete(credentialKey('api.example.com', 'alice'))
    await k?.close()
  })

  it('runs', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const credential = await example(service)
    expect(credential).toMatchObject({ accessToken: 'example-access-token', account: { login: 'alice' } })
    expect(log).toHaveBeenCalledWith([{ host: 'https://api.example.com', account: 'alice' }])
    log.mockRestore()
  })

  it('keeps the data key', async () => {
    const key = await dataKey()
    expect(key).toHaveLength(32)
    expect(Buffer.from((await createKeychainSecret({ service: 'mycli', account: 'data-key' }).get()) ?? '', 'base64')).toEqual(Buffer.from(key))
    await createKeychainSecret({ service: 'mycli', account: 'data-key' }).delete()
  })
})
