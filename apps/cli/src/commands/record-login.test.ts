import type { ResolvedProfile } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { loginProfileName, withLogin, type LoginRecord } from './record-login.js'

const profile = (over: Partial<ResolvedProfile> = {}): ResolvedProfile & { host: string } =>
  ({
    name: 'default',
    host: 'https://a.example.com',
    tenantHeader: 'X-Tenant',
    store: 'auto',
    scopes: [],
    sources: {},
    clientId: 'authcli',
    ...over,
  }) as ResolvedProfile & { host: string }

const record = (over: Partial<LoginRecord> = {}): LoginRecord => ({
  options: { scopes: [], qr: true, insecure: false },
  profile: profile(),
  flow: 'device',
  store: 'file',
  ...over,
})

describe('loginProfileName', () => {
  it('--profile wins', () => {
    expect(loginProfileName({ profiles: {} }, profile(), 'work')).toBe('work')
  })

  it('the profile in force when it has no host or the same host', () => {
    expect(loginProfileName({ profiles: {} }, profile())).toBe('default')
    expect(loginProfileName({ profiles: { default: { host: 'https://a.example.com' } } }, profile())).toBe('default')
  })

  it('a new profile named after the host when the profile in force belongs to another host', () => {
    const config = { profiles: { default: { host: 'https://other.example.com' } } }
    expect(loginProfileName(config, profile())).toBe('a.example.com')
    expect(loginProfileName(config, profile({ host: 'http://127.0.0.1:8080' }))).toBe('127.0.0.1-8080')
    const taken = { profiles: { ...config.profiles, 'a.example.com': { host: 'https://x' } } }
    expect(loginProfileName(taken, profile())).toBe('a.example.com-2')
  })
})

describe('withLogin', () => {
  it('records the login and makes the profile active, never a secret', () => {
    const config = withLogin(
      { activeProfile: 'x', profiles: { x: { host: 'https://x' } } },
      'default',
      record({
        options: { scopes: ['api:read'], qr: true, insecure: false, issuer: 'https://login', profileUrl: '/me', clientSecretFile: '/run/secret' },
        profile: profile({ tenant: 'acme', sources: { tenant: 'flag' } }),
        flow: 'client-credentials',
      }),
    )
    expect(config).toEqual({
      activeProfile: 'default',
      profiles: {
        x: { host: 'https://x' },
        default: {
          host: 'https://a.example.com',
          flow: 'client-credentials',
          store: 'file',
          issuer: 'https://login',
          clientId: 'authcli',
          scopes: ['api:read'],
          tenant: 'acme',
          profileUrl: 'https://a.example.com/me',
          clientSecretFile: '/run/secret',
        },
      },
    })
  })

  it('keeps the profile settings of the same host, drops those of another host', () => {
    const same = withLogin({ profiles: { p: { host: 'https://a.example.com', tenantHeader: 'X-Org', scopes: ['s'], clientSecretEnv: 'E' } } }, 'p', record({ flow: 'pat' }))
    expect(same.profiles.p).toEqual({ host: 'https://a.example.com', tenantHeader: 'X-Org', scopes: ['s'], clientSecretEnv: 'E', flow: 'pat', store: 'file' })
    const moved = withLogin({ profiles: { p: { host: 'https://b', tenantHeader: 'X-Org', issuer: 'https://b/login' } } }, 'p', record())
    expect(moved.profiles.p).toEqual({ host: 'https://a.example.com', tenantHeader: 'X-Org', flow: 'device', store: 'file', clientId: 'authcli' })
  })

  it('does not record a tenant that came from AUTHCLI_TENANT; one secret source replaces the other', () => {
    const next = withLogin(
      { profiles: { p: { clientSecretFile: '/old' } } },
      'p',
      record({
        options: { scopes: [], qr: true, insecure: false, clientSecretEnv: 'NEW' },
        profile: profile({ tenant: 'env-tenant', sources: { tenant: 'env' } }),
        flow: 'client-credentials',
      }),
    )
    expect(next.profiles.p).toEqual({ host: 'https://a.example.com', flow: 'client-credentials', store: 'file', clientId: 'authcli', clientSecretEnv: 'NEW' })
  })

  it('pins the profile to the account logged in as; a move to another host drops the old pin', () => {
    const pinned = withLogin({ profiles: { p: { host: 'https://a.example.com', account: 'alice' } } }, 'p', record({ account: 'bob' }))
    expect(pinned.profiles.p).toMatchObject({ host: 'https://a.example.com', account: 'bob' })
    const moved = withLogin({ profiles: { p: { host: 'https://b', account: 'alice' } } }, 'p', record())
    expect(moved.profiles.p).not.toHaveProperty('account')
  })
})
