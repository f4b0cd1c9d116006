// `store migrate` and `store rotate-key` in-process, on real files in a temp folder (no keychain
// here: no D-Bus). The failure-midway cases are in stores/migrate-credentials.test.ts; the built
// binary in test/contract-store.test.ts.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { credentialKey, type Credential } from '@auth/core'
import { createEncryptedStore, parseEncryptionKey } from '@auth/store-encrypted'
import { createFileStore } from '@auth/store-file'
import { afterEach, describe, expect, it } from 'vitest'
import { globalsOf, testContext, testRuntime, type TestRuntime } from '../_testing.js'
import type { ParseInput } from '../command.js'
import { parseStoreMigrateOptions, renderStoreMigrate, runStoreMigrate } from './store-migrate.js'
import { renderStoreRotateKey, runStoreRotateKey } from './store-rotate-key.js'

const OLD_KEY = Buffer.alloc(32, 1).toString('base64')
const NEW_KEY = Buffer.alloc(32, 2).toString('base64')
let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

const credential = (token: string): Credential => ({ accessToken: token, tokenType: 'Bearer', scopes: [], account: { login: token }, flow: 'pat', obtainedAt: 1 })
const dirOf = () => runtime.env.AUTHCLI_CONFIG_DIR as string
const input = (opts: Record<string, unknown>): ParseInput => ({ args: [], opts, globals: globalsOf() })

describe('parseStoreMigrateOptions', () => {
  it('takes keychain, file or encrypted; anything else is a usage error', () => {
    expect(parseStoreMigrateOptions(input({ to: 'encrypted' }))).toEqual({ to: 'encrypted' })
    expect(() => parseStoreMigrateOptions(input({}))).toThrow(expect.objectContaining({ code: 'USAGE_ERROR', message: 'store migrate needs --to STORE' }))
    for (const to of ['memory', 'auto', '', 'x'.repeat(100)]) {
      expect(() => parseStoreMigrateOptions(input({ to }))).toThrow(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2 }))
    }
  })
})

describe('runStoreMigrate', () => {
  it('file -> encrypted: moves both credentials, points every profile at encrypted', async () => {
    runtime = await testRuntime({ env: { AUTHCLI_ENCRYPTION_KEY: OLD_KEY } })
    const file = createFileStore({ dir: dirOf() })
    await file.set(credentialKey('https://a.example.com', 'alice'), credential('ta'))
    await file.set(credentialKey('https://b.example.com', 'bob'), credential('tb'))
    await writeFile(join(dirOf(), 'config.toml'), '[profiles.default]\nhost = "https://a.example.com"\nstore = "file"\n[profiles.b]\nhost = "https://b.example.com"\n')
    const ctx = await testContext(runtime)
    const result = await runStoreMigrate({ to: 'encrypted' }, ctx)
    expect(result).toEqual({
      to: 'encrypted',
      from: ['file'],
      moved: [
        { host: 'https://a.example.com', account: 'alice', from: 'file', outcome: 'moved' },
        { host: 'https://b.example.com', account: 'bob', from: 'file', outcome: 'moved' },
      ],
      profiles: ['default', 'b'],
      configUpdated: true,
    })
    expect(await file.list()).toEqual([])
    const encrypted = createEncryptedStore({ dir: dirOf(), key: parseEncryptionKey(OLD_KEY) })
    expect((await encrypted.get(credentialKey('https://b.example.com', 'bob')))?.accessToken).toBe('tb')
    expect((await testContext(runtime)).config.profiles).toMatchObject({ default: { store: 'encrypted' }, b: { store: 'encrypted' } })
    renderStoreMigrate(result, ctx)
    expect(runtime.stderr.text).toBe(
      '  https://a.example.com (alice): file -> encrypted\n  https://b.example.com (bob): file -> encrypted\n✓ Moved 2 credentials to the encrypted store; new logins of default, b go there\n',
    )
  })

  it('to the keychain without one: exit 6, nothing moved, config untouched', async () => {
    runtime = await testRuntime({ env: { DBUS_SESSION_BUS_ADDRESS: '' } })
    const file = createFileStore({ dir: dirOf() })
    await file.set(credentialKey('https://a.example.com', 'alice'), credential('ta'))
    await expect(runStoreMigrate({ to: 'keychain' }, await testContext(runtime))).rejects.toMatchObject({ code: 'STORAGE_ERROR', exitCode: 6 })
    expect(await file.list()).toHaveLength(1)
  })

  it('to encrypted with a wrong key for the existing file: exit 6 before anything moves', async () => {
    runtime = await testRuntime({ env: { AUTHCLI_ENCRYPTION_KEY: NEW_KEY } })
    await createEncryptedStore({ dir: dirOf(), key: parseEncryptionKey(OLD_KEY) }).set(credentialKey('https://e.example.com', 'eve'), credential('te'))
    const file = createFileStore({ dir: dirOf() })
    await file.set(credentialKey('https://a.example.com', 'alice'), credential('ta'))
    await expect(runStoreMigrate({ to: 'encrypted' }, await testContext(runtime))).rejects.toMatchObject({ code: 'STORAGE_ERROR', message: expect.stringContaining('wrong encryption key') })
    expect(await file.list()).toHaveLength(1)
  })

  it('a YAML config is not written: a warning says how to pick the store', async () => {
    runtime = await testRuntime({ env: { AUTHCLI_ENCRYPTION_KEY: OLD_KEY } })
    const yaml = join(runtime.dir, 'flyte.yaml')
    await writeFile(yaml, 'admin:\n  endpoint: dns:///flyte.example.com\n')
    const result = await runStoreMigrate({ to: 'encrypted' }, await testContext(runtime, { config: yaml }))
    expect(result).toMatchObject({ moved: [], profiles: [], configUpdated: false })
    expect(runtime.stderr.text).toContain(`warning: ${yaml} is read-only YAML: new logins choose their store as before; pass --store encrypted or set AUTHCLI_STORE=encrypted`)
  })
})

describe('runStoreRotateKey', () => {
  async function sealed(env: Record<string, string>) {
    runtime = await testRuntime({ env })
    await createEncryptedStore({ dir: dirOf(), key: parseEncryptionKey(OLD_KEY) }).set(credentialKey('https://a.example.com', 'alice'), credential('ta'))
    return join(dirOf(), 'credentials.enc')
  }

  it('re-encrypts under the new key: the old one no longer opens it', async () => {
    const file = await sealed({ AUTHCLI_ENCRYPTION_KEY: OLD_KEY, AUTHCLI_NEW_ENCRYPTION_KEY: NEW_KEY })
    const ctx = await testContext(runtime)
    const result = await runStoreRotateKey({}, ctx)
    expect(result).toEqual({ file, rotated: true, credentials: 1 })
    expect((await createEncryptedStore({ dir: dirOf(), key: parseEncryptionKey(NEW_KEY) }).get(credentialKey('https://a.example.com', 'alice')))?.accessToken).toBe('ta')
    await expect(createEncryptedStore({ dir: dirOf(), key: parseEncryptionKey(OLD_KEY) }).list()).rejects.toMatchObject({ code: 'STORAGE_ERROR' })
    renderStoreRotateKey(result, ctx)
    expect(runtime.stderr.text).toBe(
      `✓ Re-encrypted ${file} (1 credential) under the key in AUTHCLI_NEW_ENCRYPTION_KEY\n  set AUTHCLI_ENCRYPTION_KEY to that key from now on: the old key no longer opens the file\n`,
    )
  })

  it.each([
    [{ AUTHCLI_ENCRYPTION_KEY: OLD_KEY }, 'CONFIG_ERROR', 2, /^AUTHCLI_NEW_ENCRYPTION_KEY is not set/],
    [{ AUTHCLI_ENCRYPTION_KEY: OLD_KEY, AUTHCLI_NEW_ENCRYPTION_KEY: 'short' }, 'CONFIG_ERROR', 2, /AUTHCLI_NEW_ENCRYPTION_KEY/],
    [{ AUTHCLI_ENCRYPTION_KEY: NEW_KEY, AUTHCLI_NEW_ENCRYPTION_KEY: NEW_KEY }, 'STORAGE_ERROR', 6, /wrong encryption key/],
  ])('%j: %s, the file untouched', async (env, code, exitCode, message) => {
    const file = await sealed(env)
    const before = await readFile(file, 'utf8')
    const error = await runStoreRotateKey({}, await testContext(runtime)).catch((e: unknown) => e)
    expect(error).toMatchObject({ code, exitCode, message: expect.stringMatching(message) })
    expect(await readFile(file, 'utf8')).toBe(before)
  })

  it('without a file: nothing to re-encrypt', async () => {
    runtime = await testRuntime({ env: { AUTHCLI_ENCRYPTION_KEY: OLD_KEY, AUTHCLI_NEW_ENCRYPTION_KEY: NEW_KEY } })
    const ctx = await testContext(runtime, globalsOf({ json: true }))
    const result = await runStoreRotateKey({}, ctx)
    expect(result).toEqual({ file: join(dirOf(), 'credentials.enc'), rotated: false, credentials: 0 })
    renderStoreRotateKey(result, ctx)
    expect(JSON.parse(runtime.stdout.text)).toEqual(result)
  })
})
