// The RSA key that signs ID tokens (RS256, what every OpenID client expects by default).
// Generating one takes 50-400 ms, so a process makes one and every server in it shares it.
import { generateKeyPair, type JsonWebKey } from 'node:crypto'

let pending: Promise<JsonWebKey> | undefined

/** A private RSA JWK for oidc-provider's `jwks`, generated once per process. */
export function signingKey(): Promise<JsonWebKey> {
  pending ??= new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, privateKey) => {
      if (error) reject(error)
      else resolve({ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' })
    })
  })
  return pending
}
