import type { ResolvedProfile } from '@auth/core'
import { describe, expect, it } from 'vitest'
import type { CliContext } from './context.js'
import { flowSettings } from './flow-settings.js'

const profile = (over: Partial<ResolvedProfile> = {}): ResolvedProfile & { host: string } =>
  ({ name: 'p', host: 'https://api.example.com', tenantHeader: 'X-Tenant', store: 'file', scopes: [], sources: {}, ...over }) as ResolvedProfile & { host: string }
const ctx = (env: Record<string, string> = {}) => ({ env }) as unknown as CliContext

describe('flowSettings', () => {
  it('a renewing flow from the profile: issuer defaults to the host, the client to the build-time one', () => {
    expect(flowSettings('device', profile(), ctx())).toMatchObject({ kind: 'device', host: 'https://api.example.com', issuer: 'https://api.example.com', clientId: 'authcli', allowInsecure: false })
    expect(flowSettings('pkce', profile({ issuer: 'https://login.example.com', clientId: 'cli' }), ctx())).toMatchObject({ issuer: 'https://login.example.com', clientId: 'cli' })
    expect(flowSettings('device', profile(), ctx())).not.toHaveProperty('device')
  })

  it('client credentials: the profile secret source wins over AUTHCLI_CLIENT_SECRET, which applies only when the profile names none', () => {
    expect(flowSettings('client-credentials', profile({ clientSecretFile: '/run/secret', scopes: ['api:write'] }), ctx({ AUTHCLI_CLIENT_SECRET: 'x' }))).toMatchObject({
      secret: { file: '/run/secret' },
      scopes: ['api:write'],
    })
    expect(flowSettings('client-credentials', profile(), ctx({ AUTHCLI_CLIENT_SECRET: 'x' }))).toMatchObject({ secret: { env: 'AUTHCLI_CLIENT_SECRET' } })
  })

  it('a PAT (or an unknown flow) cannot renew', () => {
    expect(flowSettings('pat', profile(), ctx())).toBeUndefined()
    expect(flowSettings('saml', profile(), ctx())).toBeUndefined()
  })

  it('renewing allows plain http only for an issuer the login already took over it; a login only with --insecure', () => {
    expect(flowSettings('device', profile({ issuer: 'http://login.example.com' }), ctx())?.allowInsecure).toBe(true)
    const login = { scopes: [], qr: false, insecure: false }
    const withErr = { env: {}, err: { isTTY: false, write: () => {} } } as unknown as CliContext
    expect(flowSettings('device', profile({ issuer: 'http://login.example.com' }), withErr, login)).toMatchObject({ allowInsecure: false, device: { qr: false, isTTY: false } })
  })
})
