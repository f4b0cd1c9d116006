import { describe, expect, test } from 'vitest'
import { chooseMethod, clientSecretBasic } from './_client-auth.js'

const secret = { env: 'S' }
const key = { env: 'K' }

describe('chooseMethod', () => {
  test.each([
    [{ clientSecret: secret }, undefined, 'client_secret_basic'],
    [{ clientSecret: secret }, ['client_secret_post'], 'client_secret_post'],
    [{ clientSecret: secret }, ['client_secret_basic', 'client_secret_post'], 'client_secret_basic'],
    [{ privateKey: key }, undefined, 'private_key_jwt'],
    [{ privateKey: key, clientSecret: secret }, ['client_secret_basic'], 'client_secret_basic'],
    [{ privateKey: key, clientSecret: secret }, ['private_key_jwt', 'client_secret_basic'], 'private_key_jwt'],
    [{}, ['none'], 'none'],
    [{ clientSecret: secret, authMethod: 'client_secret_post' }, ['client_secret_basic'], 'client_secret_post'],
  ] as const)('%o with a server listing %o: %s', (client, supported, method) => {
    expect(chooseMethod({ clientId: 'c', ...client }, supported, 'the AS')).toBe(method)
  })

  test('refusals: a method without what it needs; a server that takes no method the client can do (its list cleaned)', () => {
    expect(() => chooseMethod({ clientId: 'c', clientSecret: secret, authMethod: 'private_key_jwt' }, undefined, 'the AS')).toThrow('@auth/mcp: private_key_jwt needs "privateKey"')
    expect(() => chooseMethod({ clientId: 'c', privateKey: key, authMethod: 'client_secret_post' }, undefined, 'the AS')).toThrow('client_secret_post needs "clientSecret"')
    expect(() => chooseMethod({ clientId: 'c', clientSecret: secret }, ['tls_client_auth', '\u001b[31mevil\u0007', 42], 'the AS')).toThrow(
      '@auth/mcp: the AS takes none of client_secret_basic, client_secret_post (it lists: tls_client_auth, 31mevil)',
    )
  })
})

describe('clientSecretBasic', () => {
  test('RFC 6749 App. B encoding: unreserved characters kept (the conformance server compares them raw), others escaped, space as +', () => {
    const headers = new Headers()
    clientSecretBasic('s3-cr.et_*')({ issuer: 'x' }, { client_id: 'conformance-test-client' }, new URLSearchParams(), headers)
    expect(Buffer.from((headers.get('authorization') ?? '').slice(6), 'base64').toString()).toBe('conformance-test-client:s3-cr.et_*')
    clientSecretBasic('a b:c/d%')({ issuer: 'x' }, { client_id: 'id:1' }, new URLSearchParams(), headers)
    expect(Buffer.from((headers.get('authorization') ?? '').slice(6), 'base64').toString()).toBe('id%3A1:a+b%3Ac%2Fd%25')
  })
})
