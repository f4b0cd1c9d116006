import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { credentialKeyId, isRefreshable, type Credential } from '@auth/core'
import { fileSignature } from '@auth/core/token-index'
import { isWindows, tempDirs } from '@auth/testing'
import { createFileStore } from './create-file-store.js'
import { peekCredential } from './peek-credential.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

const key = { host: 'https://api.example.com', account: 'alice' }
const credential: Credential = { accessToken: 'tok_123', tokenType: 'Bearer', scopes: [], account: { login: 'alice' }, flow: 'pat', obtainedAt: 1 }

describe('peekCredential', () => {
  it('reads what the store wrote, by key id, only while the file has the signature given', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    await store.set(key, { ...credential, expiresAt: 2_000_000_000_000 })
    const id = credentialKeyId(key)
    expect(peekCredential(store.path, id)).toEqual({ accessToken: 'tok_123', expiresAt: 2_000_000_000_000 })
    expect(peekCredential(store.path, id, fileSignature(store.path))).toEqual({ accessToken: 'tok_123', expiresAt: 2_000_000_000_000 })
    const before = fileSignature(store.path)
    await store.set({ ...key, account: 'bob' }, credential)
    expect(peekCredential(store.path, id, before)).toBeUndefined()
    expect(peekCredential(store.path, credentialKeyId({ ...key, account: 'carol' }))).toBeUndefined()
    await store.set(key, { ...credential, needsLogin: true })
    expect(peekCredential(store.path, id)).toEqual({ accessToken: 'tok_123', needsLogin: true })
  })

  it('says whether it could be renewed without the user, as core’s isRefreshable (never the refresh token itself)', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    const id = credentialKeyId(key)
    const cases: Array<[Credential, boolean]> = [
      [{ ...credential, flow: 'device', refreshToken: 'rt_secret_1' }, true],
      [{ ...credential, flow: 'client-credentials' }, true],
      [{ ...credential, flow: 'pat' }, false],
      [{ ...credential, flow: 'device', refreshToken: 'rt_secret_1', needsLogin: true }, false],
    ]
    for (const [stored, refreshable] of cases) {
      await store.set(key, stored)
      const peeked = peekCredential(store.path, id)
      expect(peeked?.refreshable === true, JSON.stringify(stored)).toBe(refreshable)
      expect(peeked?.refreshable === true).toBe(isRefreshable(stored))
      expect(JSON.stringify(peeked)).not.toContain('rt_secret_1')
    }
  })

  it('answers undefined on any doubt, never throws', async () => {
    const dir = await dirs.make()
    const path = join(dir, 'credentials')
    const id = credentialKeyId(key)
    expect(peekCredential(path, id)).toBeUndefined()
    const entry = (fields: object) => JSON.stringify({ version: 1, credentials: { [id]: { ...credential, ...fields } } })
    for (const text of [
      '{',
      '[]',
      JSON.stringify({ version: 2, credentials: {} }),
      entry({ accessToken: 'two words' }),
      entry({ accessToken: 7 }),
      entry({ expiresAt: '2030' }),
      JSON.stringify({ version: 1, credentials: { ['__proto__']: {} } }),
    ]) {
      await writeFile(path, text, { mode: 0o600 })
      expect(peekCredential(path, id), text).toBeUndefined()
    }
    expect(peekCredential(dir, id)).toBeUndefined()
    if (isWindows) return
    await writeFile(path, entry({}), { mode: 0o600 })
    expect(peekCredential(path, id)?.accessToken).toBe('tok_123')
    await chmod(path, 0o640)
    expect(peekCredential(path, id)).toBeUndefined()
    expect(await readFile(path, 'utf8')).toBe(entry({}))
  })
})
