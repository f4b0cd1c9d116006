import { chmod, mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { ConfigError, StorageError, credentialKey } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { deadPid, isWindows, makeCredential, recordingLogger, rejection, tempDirs } from '@auth/testing'
import { createFileStore } from './create-file-store.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)
const now = () => Date.UTC(2025, 5, 1, 12, 0, 0)
const alice = credentialKey('api.example.com', 'alice')
const bob = credentialKey('api.example.com', 'bob')
const other = credentialKey('other.example.com')

describe('createFileStore', () => {
  it('has kind file, an absolute path <dir>/credentials, and starts empty without a file', async () => {
    const dir = await dirs.make()
    const store = createFileStore({ dir })
    expect(store.kind).toBe('file')
    expect(store.path).toBe(join(dir, 'credentials'))
    expect(await store.list()).toEqual([])
    expect(await store.get(alice)).toBeUndefined()
    expect(await store.delete(alice)).toBe(false)
    expect(await readdir(dir)).toEqual([]) // nothing written for a no-op delete
  })

  it('keeps several accounts per host and several hosts; finds by normalised host', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    await store.set(alice, makeCredential({ accessToken: 'alice-token-1' }))
    await store.set(bob, makeCredential({ accessToken: 'bob-token-12' }))
    await store.set(other, makeCredential({ accessToken: 'other-token-1' }))
    expect((await store.get({ host: 'HTTPS://API.Example.com:443/', account: 'alice' }))?.accessToken).toBe('alice-token-1')
    expect((await store.get(bob))?.accessToken).toBe('bob-token-12')
    expect(await store.list()).toEqual([alice, bob, other])
    expect(await store.delete(bob)).toBe(true)
    expect(await store.delete(bob)).toBe(false)
    expect(await store.list()).toEqual([alice, other])
    await store.set(alice, makeCredential({ accessToken: 'alice-token-2' }))
    expect((await store.get(alice))?.accessToken).toBe('alice-token-2')
  })

  it('entries(): every key with its credential from one read, the same as list + get, as copies', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    expect(await store.entries?.()).toEqual([])
    await store.set(alice, makeCredential({ accessToken: 'alice-token-1' }))
    await store.set(other, makeCredential({ accessToken: 'other-token-1' }))
    const entries = (await store.entries?.()) ?? []
    expect(entries).toEqual(await Promise.all((await store.list()).map(async (key) => ({ key, credential: await store.get(key) }))))
    expect(entries.map((e) => e.credential.accessToken)).toEqual(['alice-token-1', 'other-token-1'])
    ;(entries[0] as { credential: { accessToken: string } }).credential.accessToken = 'changed-by-caller'
    expect((await store.get(alice))?.accessToken).toBe('alice-token-1')
  })

  it('writes the documented JSON, 0600 in a 0700 folder, without source', async () => {
    const dir = join(await dirs.make(), 'config')
    const store = createFileStore({ dir })
    await store.set(alice, makeCredential({ source: 'env:AUTHCLI_TOKEN', expiresAt: 99 }))
    const text = await readFile(store.path, 'utf8')
    expect(JSON.parse(text)).toEqual({
      version: 1,
      credentials: { 'https://api.example.com#alice': makeCredential({ expiresAt: 99 }) },
    })
    if (!isWindows) {
      expect((await stat(store.path)).mode & 0o777).toBe(0o600)
      expect((await stat(dir)).mode & 0o777).toBe(0o700)
    }
    expect(await readdir(dir)).toEqual(['credentials']) // no lock, no temp left
  })

  it('hands out copies', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    await store.set(alice, makeCredential())
    const got = await store.get(alice)
    got!.scopes.push('mutated')
    expect((await store.get(alice))?.scopes).toEqual(['openid'])
  })

  it.skipIf(isWindows)('refuses a file group or others can read, on every method, with the chmod hint', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    await store.set(alice, makeCredential())
    await chmod(store.path, 0o644)
    for (const call of [() => store.get(alice), () => store.list(), () => store.set(bob, makeCredential()), () => store.delete(alice), () => store.moveAsideCorrupt()]) {
      const error = await rejection(call())
      expect(StorageError.isInstance(error)).toBe(true)
      expect(error['hint']).toBe(`chmod 600 ${store.path}`)
    }
    expect(await store.probe()).toMatchObject({ available: false, location: store.path })
    await chmod(store.path, 0o600)
    expect(await store.list()).toEqual([alice])
  })

  it('a corrupt file is an error naming it, never overwritten, and moved aside only on request', async () => {
    const dir = await dirs.make()
    const logger = recordingLogger()
    const store = createFileStore({ dir, now, logger })
    await writeFile(store.path, '{"version":1,"credentials":{"https://h#a":{"accessToken":', { mode: 0o600 })
    for (const call of [() => store.get(alice), () => store.set(alice, makeCredential()), () => store.delete(alice), () => store.list()]) {
      const error = await rejection(call())
      expect(StorageError.isInstance(error)).toBe(true)
      expect(error.message).toContain(`${store.path} is corrupt`)
      expect(error['exitCode']).toBe(6)
    }
    expect(await readFile(store.path, 'utf8')).toMatch(/"accessToken":$/)
    expect((await store.probe()).available).toBe(false)

    const moved = await store.moveAsideCorrupt()
    expect(moved).toBe(`${store.path}.corrupt-20250601T120000Z`)
    expect(await readFile(moved!, 'utf8')).toMatch(/"accessToken":$/)
    expect(logger.lines.join('\n')).toContain(`moved the unreadable ${store.path} aside to ${moved}`)
    await store.set(alice, makeCredential())
    expect(await store.list()).toEqual([alice])
  })

  it('an unknown version is an error too, and is moved aside on request', async () => {
    const store = createFileStore({ dir: await dirs.make(), now })
    await writeFile(store.path, JSON.stringify({ version: 2, credentials: {} }), { mode: 0o600 })
    await expect(store.get(alice)).rejects.toThrow(`${store.path} has an unknown format version (2; this version reads 1)`)
    await expect(store.set(alice, makeCredential())).rejects.toThrow(StorageError)
    expect(await store.moveAsideCorrupt()).toMatch(/credentials\.corrupt-20250601T120000Z$/)
  })

  it('moveAsideCorrupt leaves a missing or valid file alone', async () => {
    const dir = await dirs.make()
    const store = createFileStore({ dir })
    expect(await store.moveAsideCorrupt()).toBeUndefined()
    await store.set(alice, makeCredential())
    expect(await store.moveAsideCorrupt()).toBeUndefined()
    expect(await readdir(dir)).toEqual(['credentials'])
  })

  it('removeMovedAside deletes the moved-aside copies (which still hold tokens), only those, and lists them', async () => {
    const dir = await dirs.make()
    const store = createFileStore({ dir, now })
    const other = createFileStore({ dir, fileName: 'other', now })
    for (const s of [store, store, other]) {
      await writeFile(s.path, '{"version":1,"credentials":{"https://h#a":{"accessToken":"leftover-secret-token"', { mode: 0o600 })
      await s.moveAsideCorrupt()
    }
    await store.set(alice, makeCredential())
    await writeFile(join(dir, 'credentials.corrupt-notes'), 'not ours')
    await mkdir(join(dir, 'credentials.corrupt-20250101T000000Z'))
    const removed = await store.removeMovedAside()
    expect(removed).toEqual([`${store.path}.corrupt-20250601T120000Z`, `${store.path}.corrupt-20250601T120000Z-2`])
    expect((await readdir(dir)).sort()).toEqual(['credentials', 'credentials.corrupt-20250101T000000Z', 'credentials.corrupt-notes', 'other.corrupt-20250601T120000Z'])
    expect(await store.list()).toEqual([alice]) // the live file is untouched
    expect(await store.removeMovedAside()).toEqual([])
    expect(await createFileStore({ dir: join(dir, 'missing') }).removeMovedAside()).toEqual([])
  })

  it('waits for a live lock, then fails with a StorageError after lockTimeoutMs', async () => {
    const store = createFileStore({ dir: await dirs.make(), lockTimeoutMs: 150 })
    const lock = { pid: process.ppid, host: hostname(), thread: 0, start: 1, time: Date.now(), token: 't' }
    await writeFile(`${store.path}.lock`, JSON.stringify(lock))
    await expect(store.set(alice, makeCredential())).rejects.toThrow(/timed out after 150 ms waiting for the lock/)
    expect(await store.get(alice)).toBeUndefined() // reads need no lock
  })

  it('concurrent sets in one process lose nothing', async () => {
    const store = createFileStore({ dir: await dirs.make() })
    const keys = Array.from({ length: 30 }, (_, i) => credentialKey(`host-${i}.example.com`))
    await Promise.all(keys.map((key) => store.set(key, makeCredential())))
    expect(await store.list()).toHaveLength(30)
  })

  it('probe: available with the file or its folder missing; not when the folder is a file', async () => {
    const dir = await dirs.make()
    expect(await createFileStore({ dir: join(dir, 'new', 'deeper') }).probe()).toEqual({ available: true, location: join(dir, 'new', 'deeper', 'credentials') })
    await writeFile(join(dir, 'plain'), 'x')
    expect(await createFileStore({ dir: join(dir, 'plain') }).probe()).toMatchObject({ available: false })
  })

  it('rejects bad options, keys and credentials', async () => {
    const dir = await dirs.make()
    for (const options of [
      undefined,
      null,
      {},
      { dir: '' },
      { dir: 5 },
      { dir, fileName: '../x' },
      { dir, fileName: 'a/b' },
      { dir, fileName: '..' },
      { dir, fileName: '' },
      { dir, lockTimeoutMs: -1 },
      { dir, now: 1 },
      { dir, logger: console.log },
    ]) {
      expect(() => createFileStore(options as never)).toThrow(ConfigError)
    }
    const store = createFileStore({ dir, fileName: 'creds.json' })
    expect(store.path).toBe(join(dir, 'creds.json'))
    await expect(store.get({ host: 'ftp://x', account: 'a' })).rejects.toThrow(ConfigError)
    await expect(store.set(alice, { accessToken: 'x' } as never)).rejects.toThrow(StorageError)
    await mkdir(join(dir, 'sub'))
    expect(await readdir(dir)).toEqual(['sub'])
  })
})

describe('temp files a killed writer left', () => {
  it('go at the first read of a process (they may hold tokens); a young one stays', async () => {
    const dir = await dirs.make()
    const store = createFileStore({ dir })
    await store.set(credentialKey('api.example.com', 'alice'), makeCredential())
    const old = `.credentials.${deadPid()}.old0.tmp`
    const young = `.credentials.${deadPid()}.young0.tmp`
    await writeFile(join(dir, old), '{"credentials":"a token"}', { mode: 0o600 })
    await writeFile(join(dir, young), '', { mode: 0o600 })
    const then = new Date(Date.now() - 60_000)
    await utimes(join(dir, old), then, then)
    const reader = createFileStore({ dir })
    expect(await reader.get(credentialKey('api.example.com', 'alice'))).toEqual(makeCredential())
    for (let i = 0; i < 50 && (await readdir(dir)).includes(old); i++) await new Promise((r) => setTimeout(r, 10))
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([young])
  })

  it('are swept once per process and file, not by every new store on it; a write sweeps under the lock', async () => {
    const dir = await dirs.make()
    const key = credentialKey('api.example.com', 'alice')
    await createFileStore({ dir }).set(key, makeCredential())
    const then = new Date(Date.now() - 60_000)
    const stray = async (name: string) => {
      await writeFile(join(dir, name), '{"credentials":"a token"}', { mode: 0o600 })
      await utimes(join(dir, name), then, then)
    }
    const temps = async () => (await readdir(dir)).filter((n) => n.endsWith('.tmp'))
    const first = `.credentials.${deadPid()}.first0.tmp`
    await stray(first)
    expect(await createFileStore({ dir }).get(key)).toEqual(makeCredential())
    for (let i = 0; i < 50 && (await temps()).includes(first); i++) await new Promise((r) => setTimeout(r, 10))
    expect(await temps()).toEqual([])
    // Left after this process swept: a new store's read leaves it (the next start, or a write, removes it).
    const later = `.credentials.${deadPid()}.later0.tmp`
    await stray(later)
    const another = createFileStore({ dir })
    expect(await another.get(key)).toEqual(makeCredential())
    await new Promise((r) => setTimeout(r, 100))
    expect(await temps()).toEqual([later])
    await another.set(key, makeCredential({ accessToken: 'written-token-1' }))
    expect(await temps()).toEqual([])
  })
})
