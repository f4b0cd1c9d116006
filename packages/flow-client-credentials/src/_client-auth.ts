import { ClientSecretBasic, ClientSecretPost, PrivateKeyJwt, type ClientAuth } from 'openid-client'
import { importPrivateKey } from './_private-key.js'
import type { ClientAuthMethod, SecretSource } from './types.js'

/**
 * Wraps the secret material (read by `resolveClientSecret` for this request only) in
 * openid-client's client authentication for `method`: the PEM is imported as a non-extractable
 * key for `private_key_jwt`. Internal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when the key cannot be used.
 */
export async function clientAuthFor(method: ClientAuthMethod, source: SecretSource, material: string): Promise<ClientAuth> {
  if (method === 'private_key_jwt' && 'privateKeyFile' in source) {
    const key = await importPrivateKey(material, source.privateKeyFile)
    return PrivateKeyJwt(source.kid === undefined ? key : { key, kid: source.kid })
  }
  return method === 'client_secret_post' ? ClientSecretPost(material) : ClientSecretBasic(material)
}
