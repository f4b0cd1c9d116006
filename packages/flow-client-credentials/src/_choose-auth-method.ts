import { invalidOption } from '@auth/core/kit'
import type { ClientAuthMethod, SecretSource } from './types.js'

function invalid(what: string, hint?: string): never {
  return invalidOption('@auth/flow-client-credentials', 'createClientCredentialsFlow', what, hint)
}
const SECRET_METHODS: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post']

/**
 * The client authentication method: the one asked for, checked against the kind of secret;
 * else `private_key_jwt` for a key file; else `client_secret_basic` when the server lists it in
 * `token_endpoint_auth_methods_supported` or lists nothing (RFC 8414 §2 default), else
 * `client_secret_post`. Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a method that does not fit the secret, or a
 * server that supports neither secret method.
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
export function chooseAuthMethod(requested: ClientAuthMethod | undefined, source: SecretSource, supported: unknown): ClientAuthMethod {
  const keyFile = 'privateKeyFile' in source
  if (requested === 'private_key_jwt' && !keyFile) invalid('private_key_jwt needs "secret: { privateKeyFile }"', 'give the PEM private key file, or use client_secret_basic / client_secret_post')
  if (requested !== undefined && requested !== 'private_key_jwt' && keyFile) invalid(`${requested} needs a client secret, not a private key file`, 'use private_key_jwt with a private key file')
  if (requested !== undefined) return requested
  if (keyFile) return 'private_key_jwt'
  if (!Array.isArray(supported)) return 'client_secret_basic'
  const method = SECRET_METHODS.find((m) => supported.includes(m))
  if (method === undefined) {
    const listed = supported
      .filter((m): m is string => typeof m === 'string')
      .slice(0, 8)
      .join(', ')
      .replace(/[^\w, -]/g, '')
    return invalid(`the server supports neither client_secret_basic nor client_secret_post (it lists: ${listed || 'nothing'})`, 'use private_key_jwt with a private key file')
  }
  return method
}
