import { describe, expect, it } from 'vitest'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { parseConfig } from './parse.js'
import { serializeConfig } from './serialize.js'

const full: AuthConfig = {
  activeProfile: 'eu.prod',
  profiles: {
    'eu.prod': {
      host: 'https://api.example.com',
      issuer: 'https://auth.example.com/',
      clientId: 'cli',
      flow: 'pkce',
      scopes: ['openid', 'profile'],
      tenant: 'acme',
      tenantHeader: 'X-Tenant',
      store: 'file',
      profileUrl: 'https://api.example.com/me',
      clientSecretEnv: 'S',
      clientSecretFile: '/s',
      caFile: '/ca.pem',
      account: 'alice@example.com',
    },
    default: {},
  },
}

describe('serializeConfig', () => {
  it('writes TOML that parses back to the same config', () => {
    expect(parseConfig(serializeConfig(full), 'x.toml')).toEqual(full)
  })

  it('writes keys in CONFIG_KEYS order, snake_case, dotted names quoted', () => {
    const text = serializeConfig({ profiles: { a: { store: 'file', host: 'https://h', clientId: 'c' }, 'b.c': { flow: 'pat' } } })
    expect(text).toBe('[profiles.a]\nhost = "https://h"\nclient_id = "c"\nstore = "file"\n\n[profiles."b.c"]\nflow = "pat"\n')
  })

  it('normalises what it writes', () => {
    expect(serializeConfig({ profiles: { a: { host: 'Example.com/' } } })).toContain('host = "https://example.com"')
  })

  it('writes an empty config as an empty file', () => {
    expect(serializeConfig({ profiles: {} })).toBe('')
  })

  it('escapes strings safely', () => {
    const config: AuthConfig = { profiles: { a: { clientSecretFile: 'C:\\dir\\"quoted" file', clientId: 'ü' } } }
    expect(parseConfig(serializeConfig(config), 'x')).toEqual(config)
  })

  it.each([
    ['not an object', null, /activeProfile\?, profiles/],
    ['no profiles', {}, /activeProfile\?, profiles/],
    ['profile not an object', { profiles: { a: 'x' } }, /profiles\.a: must be an object/],
    ['unknown property', { profiles: { a: { clientID: 'x' } } }, /profiles\.a\.clientID: unknown property/],
    ['bad value', { profiles: { a: { flow: 'magic' } } }, /profiles\.a\.flow: must be one of/],
    ['bad name', { profiles: { 'a b': {} } }, /profile name/],
    ['bad active profile', { activeProfile: '../x', profiles: {} }, /active_profile/],
    ['bad scopes', { profiles: { a: { scopes: 'openid' } } }, /scopes: must be an array/],
    ['empty account', { profiles: { a: { account: ' ' } } }, /profiles\.a\.account: must not be empty/],
  ])('rejects %s', (_what, config, expected) => {
    expect(() => serializeConfig(config as never)).toThrow(ConfigError)
    expect(() => serializeConfig(config as never)).toThrow(expected)
  })
})
