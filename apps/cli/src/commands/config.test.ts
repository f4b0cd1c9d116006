import { spawnSync } from 'node:child_process'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { globalsOf, testContext, testRuntime, type TestRuntime } from '../_testing.js'
import type { GlobalOptions } from '../global-options.js'
import { parseConfigKeyOptions, parseConfigSetOptions, renderConfigGet, renderConfigList, runConfigGet, runConfigList, runConfigSet, runConfigUnset } from './config.js'

let runtime: TestRuntime
beforeEach(async () => void (runtime = await testRuntime()))
afterEach(() => runtime.cleanup())

const ctx = (globals: Partial<GlobalOptions> = {}) => testContext(runtime, globals)
const set = async (key: string, value: string, profile?: string) => runConfigSet({ key, value, ...(profile && { profile }) }, await ctx())
const get = async (key: string, profile?: string) => (await runConfigGet({ key, ...(profile && { profile }) }, await ctx())).value

describe('parsing', () => {
  it('config get/unset KEY takes the key and --profile', () => {
    expect(parseConfigKeyOptions({ args: ['client_id'], opts: {}, globals: globalsOf() })).toEqual({ key: 'client_id' })
    expect(parseConfigKeyOptions({ args: [' host '], opts: {}, globals: globalsOf({ profile: 'w' }) })).toEqual({ key: 'host', profile: 'w' })
  })

  it('config set KEY VALUE keeps the value as typed', () => {
    expect(parseConfigSetOptions({ args: ['scopes', ' openid  profile '], opts: {}, globals: globalsOf() })).toEqual({
      key: 'scopes',
      value: ' openid  profile ',
    })
  })

  it('rejects an empty key or a missing value as usage errors', () => {
    expect(() => parseConfigKeyOptions({ args: [''], opts: {}, globals: globalsOf() })).toThrowError(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2 }))
    expect(() => parseConfigSetOptions({ args: ['k'], opts: {}, globals: globalsOf() })).toThrowError(expect.objectContaining({ code: 'USAGE_ERROR' }))
  })
})

describe('runConfigSet / runConfigGet / runConfigUnset', () => {
  it('round-trips full keys and writes the file 0600 in a 0700 folder', async () => {
    await set('profiles.work.host', 'https://api.example.com')
    expect(await get('profiles.work.host')).toBe('https://api.example.com')
    const c = await ctx()
    expect((await stat(c.configLocation.file)).mode & 0o777).toBe(0o600)
    expect((await stat(c.configLocation.dir)).mode & 0o777).toBe(0o700)
    expect(await readFile(c.configLocation.file, 'utf8')).toMatch(/\[profiles\.work\]/)
  })

  it('a bare key means --profile, else the active profile, else default', async () => {
    await set('client_id', 'for-default')
    expect(await get('profiles.default.client_id')).toBe('for-default')
    await set('client_id', 'for-ci', 'ci')
    expect(await get('profiles.ci.client_id')).toBe('for-ci')
    await set('active_profile', 'ci')
    expect(await get('client_id')).toBe('for-ci')
    expect(await get('client_id', 'default')).toBe('for-default')
  })

  it('gives undefined for a valid key that is not set', async () => {
    expect(await get('tenant')).toBeUndefined()
    expect(await get('active_profile')).toBeUndefined()
  })

  it('rejects an unknown key with CONFIG_ERROR, exit 2', async () => {
    await expect(get('no_such_key')).rejects.toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2 })
    await expect(set('no_such_key', 'x')).rejects.toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2 })
  })

  it('rejects an invalid value and leaves the file alone', async () => {
    await expect(set('flow', 'telepathy')).rejects.toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2 })
    expect((await ctx()).config.profiles).toEqual({})
  })

  it('unsets a value; unsetting again is fine', async () => {
    await set('tenant', 'acme')
    await runConfigUnset({ key: 'tenant' }, await ctx())
    expect(await get('tenant')).toBeUndefined()
    await runConfigUnset({ key: 'tenant' }, await ctx())
  })
})

describe('rendering', () => {
  it('config get prints the value, nothing when unset; --json prints JSON, null when unset', async () => {
    const text = await ctx()
    renderConfigGet({ key: 'host', value: 'https://h' }, text)
    renderConfigGet({ key: 'tenant', value: undefined }, text)
    renderConfigGet({ key: 'scopes', value: ['openid', 'email'] }, text)
    expect(runtime.stdout.text).toBe('https://h\nopenid email\n')

    const before = runtime.stdout.text.length
    const json = await ctx({ json: true })
    renderConfigGet({ key: 'tenant', value: undefined }, json)
    renderConfigGet({ key: 'scopes', value: ['openid', 'email'] }, json)
    expect(runtime.stdout.text.slice(before)).toBe('null\n["openid","email"]\n')
  })

  it('config list prints key=value lines, --json an object', async () => {
    await set('profiles.work.host', 'https://h')
    await set('active_profile', 'work')
    const entries = await runConfigList({}, await ctx())
    expect(entries).toEqual(
      expect.arrayContaining([
        { key: 'active_profile', value: 'work' },
        { key: 'profiles.work.host', value: 'https://h' },
      ]),
    )

    renderConfigList(entries, await ctx())
    expect(runtime.stdout.text.split('\n')).toEqual(expect.arrayContaining(['active_profile=work', 'profiles.work.host=https://h']))

    const before = runtime.stdout.text.length
    renderConfigList(entries, await ctx({ json: true }))
    expect(JSON.parse(runtime.stdout.text.slice(before))).toEqual({ active_profile: 'work', 'profiles.work.host': 'https://h' })
  })
})

describe('config set ca_file', () => {
  it('is checked when set: a missing file or one without a certificate is exit 2, and nothing is written', async () => {
    await expect(set('ca_file', '/nonexistent/ca.pem')).rejects.toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2, message: 'ca_file /nonexistent/ca.pem: cannot read it (ENOENT)' })
    const empty = join(runtime.dir, 'empty.pem')
    await writeFile(empty, 'not a certificate\n')
    await expect(set('ca_file', empty)).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: `ca_file ${empty}: holds no PEM certificate` })
    expect(await get('ca_file')).toBeUndefined()
  })

  it('a PEM file of certificates is kept as an absolute path', async () => {
    const dir = runtime.dir
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=test CA',
      '-days',
      '1',
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      join(dir, 'ca.pem'),
    ])
    expect(made.status, String(made.stderr)).toBe(0)
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      await set('ca_file', 'ca.pem')
    } finally {
      process.chdir(cwd)
    }
    expect(await get('ca_file')).toBe(join(dir, 'ca.pem'))
  })
})
