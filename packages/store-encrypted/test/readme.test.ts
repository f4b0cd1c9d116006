import { credentialKey } from '@auth/core'
import { makeCredential, readmeExample, tempDirs } from '@auth/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { createEncryptedStore } from '../src/index.js'
import { example, keychainKey } from './readme-example.js'

const dirs = tempDirs()
afterAll(dirs.cleanup)

describe('README', () => {
  it('shows the example that is compiled and run here', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/store-encrypted')
    expect(block).toBe(example)
  })

  it('runs, with a key rotation', async () => {
    const dir = await dirs.make()
    const env = { MYCLI_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'), MYCLI_NEW_ENCRYPTION_KEY: Buffer.alloc(32, 4).toString('base64') }
    expect(await example(dir, env)).toMatchObject({ accessToken: 'example-access-token' })
    await expect(example(dir, { MYCLI_ENCRYPTION_KEY: env.MYCLI_ENCRYPTION_KEY })).rejects.toThrow('wrong encryption key')
  })

  it('keeps a data key in a keychain, made once', async () => {
    let saved: string | undefined
    const keychain = {
      get: async () => saved,
      set: async (value: string) => {
        saved = value
      },
    }
    const dir = await dirs.make()
    await createEncryptedStore({ dir, key: keychainKey(keychain) }).set(credentialKey('h'), makeCredential())
    const first = saved
    expect(await createEncryptedStore({ dir, key: keychainKey(keychain) }).list()).toEqual([credentialKey('h')])
    expect(saved).toBe(first)
  })
})
