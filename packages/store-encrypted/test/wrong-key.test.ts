import { createHash } from 'node:crypto'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { credentialKey } from '@auth/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createEncryptedStore, parseEncryptionKey } from '../src/index.js'
import { makeCredential, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const RIGHT = 'the right passphrase'
const dirs = tempDirs()
const reader = await bundleFixture(new URL('./fixtures/reader.ts', import.meta.url), await dirs.make())
afterAll(dirs.cleanup)

/** The reader child's JSON line: what it read, or the error it got. */
interface ReaderLine {
  error: { code: string; message: string }
  [field: string]: unknown
}

/** Runs the reader child with a key; resolves its JSON line and exit code. */
async function read(dir: string, key: string, ...args: string[]): Promise<{ out: ReaderLine; exit: number | string }> {
  const child = spawnChild(reader, [dir, ...args], { AUTHCLI_ENCRYPTION_KEY: key })
  const out = JSON.parse(await child.line('{'))
  return { out, exit: await child.exited }
}

async function sealedDir(): Promise<{ dir: string; path: string }> {
  const dir = await dirs.make()
  const store = createEncryptedStore({ dir, key: parseEncryptionKey(RIGHT) })
  await store.set(credentialKey('api.example.com', 'alice'), makeCredential())
  return { dir, path: store.path }
}

async function fingerprint(path: string): Promise<string> {
  return `${createHash('sha256')
    .update(await readFile(path))
    .digest('hex')}:${(await stat(path)).mtimeMs}`
}

/** Flips the last bit of a base64 field (or a field of `kdf`). */
async function flip(path: string, field: string, inKdf = false): Promise<void> {
  const doc = JSON.parse(await readFile(path, 'utf8'))
  const holder = inKdf ? doc.kdf : doc
  const bytes = Buffer.from(holder[field], 'base64')
  bytes[bytes.length - 1]! ^= 1
  holder[field] = bytes.toString('base64')
  await writeFile(path, JSON.stringify(doc), { mode: 0o600 })
}

describe('wrong key and tampered file, as a CLI process sees them', () => {
  it('the right key opens it', async () => {
    const { dir } = await sealedDir()
    expect(await read(dir, RIGHT)).toEqual({ out: { keys: [credentialKey('api.example.com', 'alice')] }, exit: 0 })
  })

  it('a wrong passphrase: exit 6, "wrong encryption key (AUTHCLI_ENCRYPTION_KEY?)", the file untouched, not moved aside', async () => {
    const { dir, path } = await sealedDir()
    const before = await fingerprint(path)
    for (const args of [[], ['move-aside']]) {
      const { out, exit } = await read(dir, 'a wrong passphrase', ...args)
      expect(exit).toBe(6)
      expect(out['error']).toMatchObject({ code: 'STORAGE_ERROR', message: `@auth/store-encrypted: wrong encryption key for ${path} (AUTHCLI_ENCRYPTION_KEY?)` })
    }
    expect(await fingerprint(path)).toBe(before)
    expect(await readdir(dir)).toEqual(['credentials.enc'])
  })

  it('a 32-byte key for a passphrase file: exit 6, which kind it needs', async () => {
    const { dir } = await sealedDir()
    const { out, exit } = await read(dir, Buffer.alloc(32, 1).toString('base64'))
    expect(exit).toBe(6)
    expect(out['error'].message).toContain('it was sealed with a passphrase, and AUTHCLI_ENCRYPTION_KEY gives a 32-byte key')
  })

  it.each([['ciphertext'], ['tag'], ['nonce']])('a flipped bit in %s: exit 6, "tampered with or is corrupt", untouched until a new login moves it aside', async (field) => {
    const { dir, path } = await sealedDir()
    await flip(path, field)
    const before = await fingerprint(path)
    const { out, exit } = await read(dir, RIGHT)
    expect(exit).toBe(6)
    expect(out['error'].message).toBe(`@auth/store-encrypted: ${path} was tampered with or is corrupt: the key is right but the authentication tag does not match`)
    expect(await fingerprint(path)).toBe(before)
    const moved = await read(dir, RIGHT, 'move-aside')
    expect(moved).toEqual({ out: { keys: [], moved: expect.stringMatching(/credentials\.enc\.corrupt-\d{8}T\d{6}Z$/) }, exit: 0 })
  })

  it('a changed header field that feeds the key (the salt) reads as a wrong key; a changed version as unknown', async () => {
    const { dir, path } = await sealedDir()
    await flip(path, 'salt', true)
    expect((await read(dir, RIGHT)).out['error'].message).toContain('wrong encryption key')
    const doc = JSON.parse(await readFile(path, 'utf8'))
    await writeFile(path, JSON.stringify({ ...doc, version: 7 }), { mode: 0o600 })
    const { out, exit } = await read(dir, RIGHT)
    expect(exit).toBe(6)
    expect(out['error'].message).toBe(`@auth/store-encrypted: ${path} has an unknown format version (this version reads 1)`)
  })

  it('an empty or short AUTHCLI_ENCRYPTION_KEY is a usage error (exit 2) that does not echo it', async () => {
    const { dir } = await sealedDir()
    const short = await read(dir, 'hunter2')
    expect(short.exit).toBe(2)
    expect(short.out['error'].message).toBe('@auth/store-encrypted: AUTHCLI_ENCRYPTION_KEY is too short for a passphrase (at least 8 characters)')
    expect((await read(dir, '')).out['error'].message).toBe('@auth/store-encrypted: AUTHCLI_ENCRYPTION_KEY is empty')
  })
})
