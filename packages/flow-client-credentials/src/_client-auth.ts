import { ClientSecretBasic, ClientSecretPost, PrivateKeyJwt, type ClientAuth } from 'openid-client'
import { importPrivateKey } from './_private-key.js'
import { resolveClientSecret } from './resolve-client-secret.js'
import type { ClientAuthMethod, SecretSource } from './types.js'

/**
 * Reads the secret (or key) now, from its source, and wraps it in openid-client's client
 * authentication for `method`. Nothing is kept: the next request reads the source again. Internal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when the secret or key cannot be used.
 */
export async function clientAuthFor(method: ClientAuthMethod, source: SecretSource, env: Record<string, string | undefined> | undefined): Promise<ClientAuth> {
  const material = await resolveClientSecret(source, { env })
  if (method === 'private_key_jwt' && 'privateKeyFile' in source) {
    const key = await importPrivateKey(material, source.privateKeyFile)
    return PrivateKeyJwt(source.kid === undefined ? key : { key, kid: source.kid })
  }
  return method === 'client_secret_post' ? ClientSecretPost(material) : ClientSecretBasic(material)
}
