import { describe, expect, it } from 'vitest'
import { CONFIG_KEYS } from './keys.js'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { getConfigValue } from './values.js'
import { listConfigValues } from './values.js'
import { parseConfig } from './parse.js'
import { serializeConfig } from './serialize.js'
import { setConfigValue } from './values.js'
import { unsetConfigValue } from './values.js'

const base: AuthConfig = {
  activeProfile: 'work',
  profiles: {
    work: { host: 'https://work.example', scopes: ['openid', 'profile'], clientId: 'w' },
    'eu.prod': { host: 'https://eu.example' },
  },
}

describe('CONFIG_KEYS', () => {
  it('lists the profile keys of the file', () => {
    expect(CONFIG_KEYS).toEqual(['host', 'issuer', 'client_id', 'flow', 'scopes', 'tenant', 'tenant_header', 'store', 'profile_url', 'client_secret_env', 'client_secret_file', 'ca_file', 'account'])
    expect(Object.isFrozen(CONFIG_KEYS)).toBe(true)
  })
})

describe('getConfigValue', () => {
  it('reads active_profile, bare keys of the active or given profile, and explicit paths', () => {
    expect(getConfigValue(base, 'active_profile')).toBe('work')
    expect(getConfigValue(base, 'host')).toBe('https://work.example')
    expect(getConfigValue(base, 'host', { profile: 'eu.prod' })).toBe('https://eu.example')
    expect(getConfigValue(base, 'profiles.eu.prod.host')).toBe('https://eu.example')
    expect(getConfigValue(base, 'profiles."eu.prod".host')).toBe('https://eu.example')
    expect(getConfigValue(base, 'profiles.work.scopes')).toEqual(['openid', 'profile'])
  })

  it('returns undefined for unset values and missing profiles', () => {
    expect(getConfigValue(base, 'tenant')).toBeUndefined()
    expect(getConfigValue(base, 'host', { profile: 'nope' })).toBeUndefined()
    expect(getConfigValue({ profiles: {} }, 'host')).toBeUndefined()
    expect(getConfigValue({ profiles: {} }, 'active_profile')).toBeUndefined()
  })

  it('does not read prototype properties', () => {
    expect(getConfigValue(base, 'host', { profile: 'toString' })).toBeUndefined()
    expect(getConfigValue(base, 'profiles.constructor.host')).toBeUndefined()
  })

  it('returns a copy of scopes', () => {
    ;(getConfigValue(base, 'scopes') as string[]).push('x')
    expect(base.profiles['work']?.scopes).toEqual(['openid', 'profile'])
  })

  it.each(['nope', 'clientId', 'profiles.work', 'profiles.work.nope', 'profiles..host', 'profiles', '', 'HOST'])('rejects the unknown key %j with a hint listing the valid keys', (key) => {
    try {
      getConfigValue(base, key)
      expect.unreachable()
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true)
      expect((error as ConfigError).exitCode).toBe(2)
      expect((error as ConfigError).hint).toContain('client_id')
    }
  })

  it('rejects garbage', () => {
    expect(() => getConfigValue(null as never, 'host')).toThrow(ConfigError)
    expect(() => getConfigValue({} as never, 'host')).toThrow(ConfigError)
    expect(() => getConfigValue(base, 5 as never)).toThrow(ConfigError)
    expect(() => getConfigValue(base, 'host', { profile: 'a b' })).toThrow(/--profile/)
    expect(() => getConfigValue(base, 'profiles.a b.host')).toThrow(/profile name/)
  })
})

describe('setConfigValue', () => {
  it('returns a new config and leaves the input alone', () => {
    const next = setConfigValue(base, 'tenant', 'acme')
    expect(next.profiles['work']?.tenant).toBe('acme')
    expect(base.profiles['work']?.tenant).toBeUndefined()
    expect(next).not.toBe(base)
  })

  it('validates like the parser and normalises the host', () => {
    expect(setConfigValue(base, 'host', 'Other.example/', { profile: 'x' }).profiles['x']).toEqual({ host: 'https://other.example' })
    expect(() => setConfigValue(base, 'flow', 'magic')).toThrow(/profiles\.work\.flow: must be one of/)
    expect(() => setConfigValue(base, 'store', 'vault')).toThrow(ConfigError)
    expect(() => setConfigValue(base, 'host', 'ftp://x')).toThrow(/profiles\.work\.host/)
    expect(() => setConfigValue(base, 'issuer', 'https://u:p@x')).toThrow(/user name or password/)
    expect(() => setConfigValue(base, 'client_id', '')).toThrow(/must not be empty/)
    expect(() => setConfigValue(base, 'tenant_header', 'Bad Header')).toThrow(/header name/)
    expect(() => setConfigValue(base, 'host', 5 as never)).toThrow(/must be a string/)
  })

  it('sets, gets and unsets account (the account a profile is pinned to)', () => {
    const next = setConfigValue(base, 'account', ' bob@example.test ')
    expect(next.profiles['work']?.account).toBe('bob@example.test')
    expect(getConfigValue(next, 'account')).toBe('bob@example.test')
    expect(getConfigValue(next, 'profiles.work.account')).toBe('bob@example.test')
    expect(listConfigValues(next)).toContainEqual({ key: 'profiles.work.account', value: 'bob@example.test' })
    expect(parseConfig(serializeConfig(next), 'x')).toEqual(next)
    expect(unsetConfigValue(next, 'account').profiles['work']).toEqual(base.profiles['work'])
    expect(() => setConfigValue(base, 'account', '   ')).toThrow(/profiles\.work\.account: must not be empty/)
    expect(() => setConfigValue(base, 'account', 'a\u0000b')).toThrow(/account: must not contain control/)
  })

  it('splits scopes on spaces and commas', () => {
    expect(setConfigValue(base, 'scopes', 'openid profile,email ,, offline_access').profiles['work']?.scopes).toEqual(['openid', 'profile', 'email', 'offline_access'])
    expect(setConfigValue(base, 'scopes', '').profiles['work']?.scopes).toEqual([])
    expect(() => setConfigValue(base, 'scopes', 'a"b')).toThrow(/scope names/)
  })

  it('sets active_profile and profiles.NAME.KEY, creating the profile', () => {
    expect(setConfigValue(base, 'active_profile', ' eu.prod ').activeProfile).toBe('eu.prod')
    expect(() => setConfigValue(base, 'active_profile', 'a/b')).toThrow(/active_profile/)
    expect(() => setConfigValue(base, 'active_profile', '__proto__')).toThrow(ConfigError)
    const next = setConfigValue(base, 'profiles.new.one.store', 'file')
    expect(next.profiles['new.one']).toEqual({ store: 'file' })
    expect(parseConfig(serializeConfig(next), 'x')).toEqual(next)
  })

  it('uses default as the profile when none is active', () => {
    expect(setConfigValue({ profiles: {} }, 'flow', 'pat')).toEqual({ profiles: { default: { flow: 'pat' } } })
  })

  it('rejects unknown keys with the valid ones', () => {
    expect(() => setConfigValue(base, 'client_secret', 'x')).toThrow(expect.objectContaining({ hint: expect.stringContaining('client_secret_env') }))
  })
})

describe('unsetConfigValue', () => {
  it('removes a value and returns a new config', () => {
    const next = unsetConfigValue(base, 'client_id')
    expect(next.profiles['work']).toEqual({ host: 'https://work.example', scopes: ['openid', 'profile'] })
    expect(base.profiles['work']?.clientId).toBe('w')
    expect(unsetConfigValue(base, 'profiles.eu.prod.host').profiles['eu.prod']).toEqual({})
  })

  it('removes active_profile', () => {
    expect('activeProfile' in unsetConfigValue(base, 'active_profile')).toBe(false)
  })

  it('does nothing for a missing profile or value', () => {
    expect(unsetConfigValue(base, 'host', { profile: 'ghost' })).toBe(base)
    expect(unsetConfigValue(base, 'tenant').profiles['work']).toEqual(base.profiles['work'])
  })

  it('rejects unknown keys', () => {
    expect(() => unsetConfigValue(base, 'bogus')).toThrow(ConfigError)
  })
})

describe('listConfigValues', () => {
  it('flattens the config, keys usable with get/set', () => {
    const config = setConfigValue(base, 'store', 'file')
    const rows = listConfigValues(config)
    expect(rows).toEqual([
      { key: 'active_profile', value: 'work' },
      { key: 'profiles.work.host', value: 'https://work.example' },
      { key: 'profiles.work.client_id', value: 'w' },
      { key: 'profiles.work.scopes', value: 'openid profile' },
      { key: 'profiles.work.store', value: 'file' },
      { key: 'profiles.eu.prod.host', value: 'https://eu.example' },
    ])
    for (const { key, value } of rows) {
      expect([getConfigValue(config, key)].flat().join(' ')).toBe(value)
      expect(getConfigValue(setConfigValue(config, key, value), key)).toEqual(getConfigValue(config, key))
    }
  })

  it('lists nothing for an empty config, and rejects garbage', () => {
    expect(listConfigValues({ profiles: {} })).toEqual([])
    expect(() => listConfigValues(undefined as never)).toThrow(ConfigError)
  })
})
