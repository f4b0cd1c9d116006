// The keychain index across real processes: 8 processes save at once into one keychain (a
// shared fake: one file per entry, see fixtures/file-backend.ts) and no id is dropped.
import { spawn } from 'node:child_process'
import { chmod, chown, mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { StorageError, credentialKey } from '@auth/core'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../src/index.js'
import { makeCredential } from '@auth/testing'
import { fileBackend } from './fixtures/file-backend.js'

let root: string
let writer: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keychain-index-'))
  writer = join(root, 'index-writer.mjs')
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/index-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
    external: ['@napi-rs/keyring'],
  })
})
afterAll(() => rm(root, { recursive: true, force: true }))

/** Starts the writer; resolves once it is ready, with a `go` that makes it save and resolves when it is done. */
async function startWriter(keychain: string, lockDir: string, host: string): Promise<() => Promise<void>> {
  const env = { ...process.env }
  delete env['NODE_EXTRA_CA_CERTS']
  const child = spawn(process.execPath, [writer, keychain, lockDir, host], { env, stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const seen = (want: string) =>
    new Promise<void>((resolve, reject) => {
      lines.on('line', (l) => {
        if (l === want) resolve()
      })
      child.on('exit', (code) => reject(new Error(`writer for ${host} exited ${code} before "${want}"`)))
    })
  const done = seen('done')
  done.catch(() => {})
  await seen('ready')
  return async () => {
    child.stdin!.write('go\n')
    await done
  }
}

describe('the keychain index across real processes', () => {
  it('8 processes saving at once: every id stays in the index (the lock serialises the read-modify-write)', async () => {
    const keychain = await mkdtemp(join(root, 'keychain-'))
    const lockDir = join(root, `locks-${basename(keychain)}`)
    const hosts = Array.from({ length: 8 }, (_, i) => `host${i}.example.com`)
    const gos = await Promise.all(hosts.map((host) => startWriter(keychain, lockDir, host)))
    await Promise.all(gos.map((go) => go()))
    const store = createKeychainStore({ service: 'racing', backend: fileBackend(keychain), platform: 'linux', lockDir })
    const listed = (await store.list()).map((k) => k.host).sort()
    expect(listed).toEqual(hosts.map((h) => `https://${h}`).sort())
    expect((await stat(lockDir)).mode & 0o777).toBe(0o700)
  })
})

describe('lockDir', () => {
  const store = (lockDir: string) => createKeychainStore({ service: 'locks', backend: fileBackend(root), platform: 'linux', lockDir })
  const key = credentialKey('api.example.com', 'alice')

  it.runIf(process.platform !== 'win32')("refuses a lock folder open to others, a symlink, or another user's, with the fix", async () => {
    const open = join(root, 'open')
    await mkdir(open, { mode: 0o777 })
    await chmod(open, 0o777)
    const error = await store(open)
      .set(key, makeCredential())
      .catch((e: unknown) => e as StorageError)
    expect(StorageError.isInstance(error)).toBe(true)
    expect((error as StorageError).exitCode).toBe(6)
    expect((error as StorageError).message).toContain(`the lock folder ${open} is open to group or others (mode 777)`)
    expect((error as StorageError).hint).toBe(`chmod 700 ${open}`)

    const link = join(root, 'link')
    await symlink(open, link)
    await expect(store(link).delete(key)).rejects.toThrow(/is not a folder \(a symlink\?\)/)

    if (process.getuid?.() === 0) {
      const theirs = join(root, 'theirs')
      await mkdir(theirs, { mode: 0o700 })
      await chown(theirs, 4321, 4321)
      await expect(store(theirs).set(key, makeCredential())).rejects.toThrow(`the lock folder ${theirs} belongs to another user (uid 4321)`)
    }
  })

  // Issue 15, finding 4b: another user's `mkdir /tmp/auth-keychain-<uid>` (the old default when
  // XDG_RUNTIME_DIR is unset) made every keychain write fail. The default is the product's own folder.
  it.runIf(process.platform !== 'win32')('without lockDir or XDG_RUNTIME_DIR the lock goes under the product folder (dir), never the shared temp folder', async () => {
    const temp = join(root, 'shared-tmp')
    await mkdir(temp, { mode: 0o1777 })
    await chmod(temp, 0o1777)
    // What another user plants where the old default was.
    const planted = join(temp, `auth-keychain-${process.getuid?.()}`)
    await mkdir(planted, { mode: 0o777 })
    await chmod(planted, 0o777)
    const saved = process.env.TMPDIR
    process.env.TMPDIR = temp
    try {
      const dir = join(root, 'product')
      const own = createKeychainStore({ service: 'locks', backend: fileBackend(root), platform: 'linux', env: {}, dir })
      await own.set(key, makeCredential())
      expect(await own.list()).toEqual([key])
      expect((await stat(join(dir, '.locks'))).mode & 0o777).toBe(0o700)
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
  })

  it('creates a missing lock folder 0700 and works in it', async () => {
    const fresh = join(root, 'fresh', 'locks')
    await store(fresh).set(key, makeCredential())
    expect(await store(fresh).list()).toEqual([key])
    if (process.platform !== 'win32') expect((await stat(fresh)).mode & 0o777).toBe(0o700)
  })
})
