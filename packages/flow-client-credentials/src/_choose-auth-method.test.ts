import { ConfigError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { chooseAuthMethod } from './_choose-auth-method.js'
import type { ClientAuthMethod, SecretSource } from './types.js'

const env: SecretSource = { env: 'S' }
const key: SecretSource = { privateKeyFile: '/k.pem' }

describe('chooseAuthMethod', () => {
  it.each<[ClientAuthMethod | undefined, SecretSource, unknown, ClientAuthMethod]>([
    [undefined, env, ['client_secret_basic', 'client_secret_post'], 'client_secret_basic'],
    [undefined, env, ['client_secret_post', 'client_secret_basic'], 'client_secret_basic'],
    [undefined, env, ['none', 'client_secret_post'], 'client_secret_post'],
    [undefined, env, undefined, 'client_secret_basic'],
    [undefined, env, 'garbage', 'client_secret_basic'],
    [undefined, key, ['client_secret_basic'], 'private_key_jwt'],
    ['client_secret_post', env, ['client_secret_basic'], 'client_secret_post'],
    ['client_secret_basic', { file: '/s' }, [], 'client_secret_basic'],
    ['private_key_jwt', key, undefined, 'private_key_jwt'],
  ])('%s with %j and server %j gives %s', (requested, source, supported, expected) => {
    expect(chooseAuthMethod(requested, source, supported)).toBe(expected)
  })

  it.each<[ClientAuthMethod | undefined, SecretSource, unknown, RegExp]>([
    ['private_key_jwt', env, undefined, /private_key_jwt needs "secret: \{ privateKeyFile \}"/],
    ['client_secret_basic', key, undefined, /client_secret_basic needs a client secret/],
    [undefined, env, ['none', 'private_key_jwt', 'tls_client_auth'], /supports neither client_secret_basic nor client_secret_post \(it lists: none, private_key_jwt, tls_client_auth\)/],
    [undefined, env, [42, '<script>'], /it lists: script/],
  ])('refuses %s with %j', (requested, source, supported, message) => {
    let error: unknown
    try {
      chooseAuthMethod(requested, source, supported)
    } catch (e) {
      error = e
    }
    expect(ConfigError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(message)
  })
})
