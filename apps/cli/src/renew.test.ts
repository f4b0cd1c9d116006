import type { Credential, ResolvedProfile } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { renewSettings } from './renew.js'

const profile = (over: Partial<ResolvedProfile> = {}): ResolvedProfile =>
  ({ name: 'p', host: 'https://api.example.com', issuer: 'https://api.example.com', clientId: 'authcli', tenantHeader: 'X-Tenant', store: 'file', scopes: [], sources: {}, ...over }) as ResolvedProfile
const credential = (over: Partial<Credential> = {}): Credential => ({ accessToken: 'a'.repeat(20), tokenType: 'Bearer', scopes: ['api:read'], account: {}, flow: 'device', obtainedAt: 1, ...over })

describe('renewSettings', () => {
  it('uses the issuer and client the credential recorded, over the profile', () => {
    const s = renewSettings(credential({ issuer: 'https://login.example.com', clientId: 'cli' }), profile(), { env: {} })
    expect(s).toMatchObject({ kind: 'device', host: 'https://api.example.com', issuer: 'https://login.example.com', clientId: 'cli', allowInsecure: false })
    expect(s).not.toHaveProperty('secret')
  })

  it('client credentials: the same secret source as the login, the profile scopes first', () => {
    const s = renewSettings(credential({ flow: 'client-credentials' }), profile({ clientSecretFile: '/run/secret', scopes: ['api:write'] }), { env: {} })
    expect(s).toMatchObject({ kind: 'client-credentials', secret: { file: '/run/secret' }, scopes: ['api:write'] })
    // The profile's own source wins over AUTHCLI_CLIENT_SECRET (issue 11 #1); the variable only when the profile names none.
    const withEnv = renewSettings(credential({ flow: 'client-credentials' }), profile({ clientSecretFile: '/run/secret' }), { env: { AUTHCLI_CLIENT_SECRET: 'x' } })
    expect(withEnv).toMatchObject({ secret: { file: '/run/secret' }, scopes: ['api:read'] })
    const fromEnv = renewSettings(credential({ flow: 'client-credentials' }), profile(), { env: { AUTHCLI_CLIENT_SECRET: 'x' } })
    expect(fromEnv).toMatchObject({ secret: { env: 'AUTHCLI_CLIENT_SECRET' } })
  })

  it('a PAT (or an unknown flow) cannot be renewed', () => {
    expect(renewSettings(credential({ flow: 'pat' }), profile(), { env: {} })).toBeUndefined()
    expect(renewSettings(credential({ flow: 'saml' }), profile(), { env: {} })).toBeUndefined()
  })

  it('allows plain http only for an issuer that was recorded as such (a login with --insecure)', () => {
    expect(renewSettings(credential({ issuer: 'http://login.example.com' }), profile(), { env: {} })?.allowInsecure).toBe(true)
  })

  it('asks for other scopes when told to (auth refresh --scope)', () => {
    expect(renewSettings(credential({ flow: 'client-credentials' }), profile({ scopes: ['api:read'] }), { env: {} }, { scopes: ['api:write'] })?.scopes).toEqual(['api:write'])
    expect(renewSettings(credential({ flow: 'client-credentials' }), profile({ scopes: ['api:read'] }), { env: {} }, { scopes: [] })?.scopes).toEqual(['api:read'])
  })
})
