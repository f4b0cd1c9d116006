import { describe, expect, it } from 'vitest'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { resolveProfile } from './resolve-profile.js'

const config: AuthConfig = {
  activeProfile: 'work',
  profiles: {
    work: {
      host: 'https://work.example',
      issuer: 'https://auth.work.example',
      clientId: 'work-client',
      tenant: 'acme',
      store: 'file',
      flow: 'device',
      scopes: ['openid'],
      tenantHeader: 'X-Org',
      profileUrl: 'https://work.example/me',
      clientSecretEnv: 'WORK_SECRET',
      clientSecretFile: '/s',
      caFile: '/ca',
      account: 'alice',
    },
    home: { host: 'https://home.example' },
    bare: { clientId: 'bare-client' },
  },
}

describe('resolveProfile: profile selection', () => {
  it('takes --profile first', () => {
    expect(resolveProfile({ name: 'authcli', config, env: {}, flags: { profile: 'home', host: 'work.example' } }).name).toBe('home')
  })

  it('then the profile matching --host (normalised)', () => {
    expect(resolveProfile({ name: 'authcli', config, env: {}, flags: { host: 'HOME.example/' } }).name).toBe('home')
  })

  it('then the profile matching AUTHCLI_HOST', () => {
    expect(resolveProfile({ name: 'authcli', config, env: { AUTHCLI_HOST: 'home.example' } }).name).toBe('home')
  })

  it('prefers the active profile among several matching the host', () => {
    const twice: AuthConfig = { activeProfile: 'b', profiles: { a: { host: 'https://h' }, b: { host: 'https://h' } } }
    expect(resolveProfile({ name: 'authcli', config: twice, env: {}, flags: { host: 'h' } }).name).toBe('b')
    expect(resolveProfile({ name: 'authcli', config: { profiles: twice.profiles }, env: {}, flags: { host: 'h' } }).name).toBe('a')
  })

  it('then the active profile, then default', () => {
    expect(resolveProfile({ name: 'authcli', config, env: {} }).name).toBe('work')
    expect(resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {} }).name).toBe('default')
  })

  it('rejects a bad --profile', () => {
    expect(() => resolveProfile({ name: 'authcli', config, env: {}, flags: { profile: 'a b' } })).toThrow(/--profile/)
  })
})

describe('resolveProfile: settings', () => {
  it('takes everything from the profile, with sources', () => {
    expect(resolveProfile({ name: 'authcli', config, env: {} })).toEqual({
      name: 'work',
      host: 'https://work.example',
      issuer: 'https://auth.work.example',
      clientId: 'work-client',
      tenant: 'acme',
      tenantHeader: 'X-Org',
      store: 'file',
      flow: 'device',
      scopes: ['openid'],
      profileUrl: 'https://work.example/me',
      clientSecretEnv: 'WORK_SECRET',
      clientSecretFile: '/s',
      caFile: '/ca',
      account: 'alice',
      sources: { host: 'config', issuer: 'config', clientId: 'config', tenant: 'config', store: 'config', flow: 'config', scopes: 'config' },
    })
  })

  it('puts flags over env over config', () => {
    const env = { AUTHCLI_CLIENT_ID: 'env-client', AUTHCLI_TENANT: 'env-tenant', AUTHCLI_STORE: 'memory' }
    const fromEnv = resolveProfile({ name: 'authcli', config, env })
    expect([fromEnv.clientId, fromEnv.tenant, fromEnv.store]).toEqual(['env-client', 'env-tenant', 'memory'])
    expect(fromEnv.sources).toMatchObject({ clientId: 'env', tenant: 'env', store: 'env' })
    const flags = { clientId: 'flag-client', tenant: 'flag-tenant', store: 'keychain', flow: 'pkce', scopes: ['email'], issuer: 'https://other-issuer.example' }
    const fromFlags = resolveProfile({ name: 'authcli', config, env, flags })
    expect(fromFlags).toMatchObject({ clientId: 'flag-client', tenant: 'flag-tenant', store: 'keychain', flow: 'pkce', scopes: ['email'], issuer: 'https://other-issuer.example' })
    expect(fromFlags.sources).toEqual({ host: 'config', issuer: 'flag', clientId: 'flag', tenant: 'flag', store: 'flag', flow: 'flag', scopes: 'flag' })
  })

  it('splits --scope values and ignores an empty list', () => {
    expect(resolveProfile({ name: 'authcli', config, env: {}, flags: { scopes: ['openid profile', 'email'] } }).scopes).toEqual(['openid', 'profile', 'email'])
    expect(resolveProfile({ name: 'authcli', config, env: {}, flags: { scopes: [] } }).sources.scopes).toBe('config')
  })

  it('falls back to defaults, then auto / X-Tenant / [], and defaults the issuer to the host', () => {
    const out = resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {}, defaults: { clientId: 'built-in', host: 'api.example.com', flow: 'pkce' } })
    expect(out).toEqual({
      name: 'default',
      host: 'https://api.example.com',
      issuer: 'https://api.example.com',
      clientId: 'built-in',
      tenantHeader: 'X-Tenant',
      store: 'auto',
      flow: 'pkce',
      scopes: [],
      sources: { host: 'default', issuer: 'default', clientId: 'default', store: 'default', flow: 'default', scopes: 'default' },
    })
    expect(resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {}, defaults: { store: 'file' } }).store).toBe('file')
  })

  it('leaves host and issuer unset when nothing gives a host', () => {
    const out = resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {} })
    expect(out.host).toBeUndefined()
    expect(out.issuer).toBeUndefined()
    expect(out.sources.host).toBeUndefined()
  })

  it('normalises hosts from every layer', () => {
    expect(resolveProfile({ name: 'authcli', config, env: { AUTHCLI_HOST: 'Work.Example:443/' } }).host).toBe('https://work.example')
  })

  it('ignores a profile whose host is another server', () => {
    const out = resolveProfile({ name: 'authcli', config, env: {}, flags: { host: 'new.example' } })
    expect(out).toMatchObject({ name: 'work', host: 'https://new.example', issuer: 'https://new.example', store: 'auto', scopes: [] })
    expect(out.clientId).toBeUndefined()
    expect(out.tenant).toBeUndefined()
    // The account belongs to the profile's host: never applied to another host's credentials.
    expect(out.account).toBeUndefined()
  })

  it('uses a profile without a host for any host', () => {
    const out = resolveProfile({ name: 'authcli', config, env: {}, flags: { profile: 'bare', host: 'x.example' } })
    expect(out).toMatchObject({ host: 'https://x.example', clientId: 'bare-client' })
  })

  it('treats empty env values as unset', () => {
    expect(resolveProfile({ name: 'authcli', config, env: { AUTHCLI_STORE: '  ', AUTHCLI_HOST: '' } }).store).toBe('file')
  })

  it('uses the env prefix', () => {
    expect(resolveProfile({ config, env: { MYAPP_STORE: 'memory', AUTHCLI_STORE: 'keychain' }, envPrefix: 'MYAPP' }).store).toBe('memory')
  })
})

describe('resolveProfile: bad values', () => {
  it.each([
    [{ AUTHCLI_STORE: 'xyz' }, {}, 'AUTHCLI_STORE'],
    [{ AUTHCLI_HOST: 'ftp://x' }, {}, 'AUTHCLI_HOST'],
    [{ AUTHCLI_HOST: 'https://u:secretpw@x' }, {}, 'AUTHCLI_HOST'],
    [{ AUTHCLI_CLIENT_ID: 'a\u0001b' }, {}, 'AUTHCLI_CLIENT_ID'],
    [{ AUTHCLI_TENANT: 'a b' }, {}, 'AUTHCLI_TENANT'],
    [{}, { store: 'vault' }, '--store'],
    [{}, { flow: 'magic' }, '--flow'],
    [{}, { host: '' }, '--host'],
    [{}, { issuer: 'not a url' }, '--issuer'],
    [{}, { scopes: 'openid' as never }, '--scope'],
    [{}, { clientId: 5 as never }, '--client-id'],
  ])('names the source of a bad value %#', (env, flags, where) => {
    try {
      resolveProfile({ name: 'authcli', config, env, flags })
      expect.unreachable()
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true)
      const e = error as ConfigError
      expect(e.message).toContain(where)
      expect(e.exitCode).toBe(2)
      expect(e.message).not.toContain('secretpw')
    }
  })

  it('names the profile key for bad config values', () => {
    const bad = { profiles: { p: { store: 'vault' } } } as unknown as AuthConfig
    expect(() => resolveProfile({ name: 'authcli', config: bad, env: {}, flags: { profile: 'p' } })).toThrow(/profiles\.p\.store/)
  })

  it('refuses plain http to a non-loopback host or issuer unless allowInsecure', () => {
    for (const options of [{ flags: { host: 'http://example.com' } }, { flags: { host: 'https://e.com', issuer: 'http://auth.example.com' } }]) {
      expect(() => resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {}, ...options })).toThrow(expect.objectContaining({ hint: expect.stringContaining('--insecure') }))
      expect(resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {}, allowInsecure: true, ...options })).toMatchObject(options.flags)
    }
    const insecureConfig: AuthConfig = { profiles: { default: { host: 'http://example.com' } } }
    expect(() => resolveProfile({ name: 'authcli', config: insecureConfig, env: {} })).toThrow(/profiles\.default\.host/)
    expect(resolveProfile({ name: 'authcli', config: { profiles: {} }, env: {}, flags: { host: 'http://127.0.0.1:3000' } }).host).toBe('http://127.0.0.1:3000')
  })

  it('rejects garbage options', () => {
    expect(() => resolveProfile(undefined as never)).toThrow(ConfigError)
    expect(() => resolveProfile({ config: null as never })).toThrow(/config/)
    expect(() => resolveProfile({ name: 'authcli', config, envPrefix: 'a-b' })).toThrow(/envPrefix/)
  })

  it("has no default product: the env prefix comes from the product's name or envPrefix", () => {
    expect(() => resolveProfile({ config, env: { AUTHCLI_STORE: 'file' } })).toThrow('@auth/core: resolveProfile: needs the product\'s "name" (or an "envPrefix")')
    expect(resolveProfile({ name: 'my-cli', config: { profiles: {} }, env: { MY_CLI_STORE: 'memory' } }).store).toBe('memory')
  })
})
