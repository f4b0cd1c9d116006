import { ConfigError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { createClientCredentialsFlow } from './create-client-credentials-flow.js'
import type { ClientCredentialsFlowOptions } from './types.js'

const base = { issuer: 'https://login.example.com', clientId: 'ci-bot', secret: { env: 'AUTHCLI_CLIENT_SECRET' } }

describe('createClientCredentialsFlow options', () => {
  it('builds a flow with login, refresh and revoke, reading nothing yet', () => {
    const flow = createClientCredentialsFlow({ ...base, secret: { file: '/does/not/exist' } })
    expect(flow.kind).toBe('client-credentials')
    expect(typeof flow.login).toBe('function')
    expect(typeof flow.refresh).toBe('function')
    expect(typeof flow.revoke).toBe('function')
  })

  it('allows loopback http, and other http with allowInsecure', () => {
    expect(createClientCredentialsFlow({ ...base, issuer: 'http://127.0.0.1:8080' })).toMatchObject({ kind: 'client-credentials' })
    expect(createClientCredentialsFlow({ ...base, issuer: 'http://localhost:8080/realms/x' })).toMatchObject({ kind: 'client-credentials' })
    expect(createClientCredentialsFlow({ ...base, issuer: 'http://login.internal', allowInsecure: true })).toMatchObject({ kind: 'client-credentials' })
  })

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /"options" must be an object/],
    ['no issuer', { ...base, issuer: undefined }, /"issuer" must be an http\(s\) URL/],
    ['bad issuer', { ...base, issuer: 'not-a-url' }, /"issuer" is not a valid URL/],
    ['http issuer', { ...base, issuer: 'http://login.example.com' }, /plain http:\/\/ to a non-loopback host/],
    ['ftp issuer', { ...base, issuer: 'ftp://login.example.com' }, /http or https/],
    ['issuer with password', { ...base, issuer: 'https://u:pw-secret-123@login.example.com' }, /must not contain a user name or password/],
    ['issuer with query', { ...base, issuer: 'https://login.example.com/?x=1' }, /query or fragment/],
    ['no client id', { ...base, clientId: '' }, /"clientId" must be a non-empty string/],
    ['client id with newline', { ...base, clientId: 'a\nb' }, /"clientId"/],
    ['no secret', { ...base, secret: undefined }, /"secret" must be an object/],
    ['bad auth method', { ...base, authMethod: 'tls_client_auth' }, /"authMethod" must be one of/],
    ['bad scopes', { ...base, scopes: 'api:read' }, /"scopes"/],
    ['bad resource', { ...base, resource: 'nope' }, /"resource"/],
    ['bad env', { ...base, env: 'x' }, /"env" must be an object/],
    ['bad fetch', { ...base, fetch: 1 }, /"fetch" must be a function/],
    ['bad allowInsecure', { ...base, allowInsecure: 'yes' }, /"allowInsecure" must be a boolean/],
  ])('refuses %s with exit 2', (_name, options, message) => {
    let error: unknown
    try {
      createClientCredentialsFlow(options as ClientCredentialsFlowOptions)
    } catch (e) {
      error = e
    }
    expect(ConfigError.isInstance(error)).toBe(true)
    expect((error as ConfigError).exitCode).toBe(2)
    expect((error as ConfigError).message).toMatch(message)
    expect((error as ConfigError).message).not.toContain('pw-secret-123')
  })
})
