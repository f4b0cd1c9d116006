// A private key (PEM or JWK) as a non-extractable WebCrypto signing key for private_key_jwt,
// imported for the JWS algorithm asked for or the key's natural one. Internal.
import { createPrivateKey, webcrypto, type JsonWebKey, type KeyObject } from 'node:crypto'
import { registerSecret } from '@auth/core'
import { unusable } from './_sources.js'

type ImportParams = Parameters<typeof webcrypto.subtle.importKey>[2]

/** A key ready for openid-client's `PrivateKeyJwt`. */
export interface SigningKey {
  readonly key: webcrypto.CryptoKey
  readonly alg: string
  readonly kid: string | undefined
}

const CURVE_ALG: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }
const ALG_CURVE: Record<string, [string, string]> = { ES256: ['prime256v1', 'P-256'], ES384: ['secp384r1', 'P-384'], ES512: ['secp521r1', 'P-521'] }
const JWK_PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const

/**
 * Imports `text` (a PEM private key, or a private JWK as JSON) for `alg` (default: RS256 for
 * RSA, ES256/384/512 by curve, EdDSA for Ed25519).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when it is not an unencrypted private
 * key, or does not fit `alg`; the message names `where`, never the key.
 */
export async function importSigningKey(text: string, where: string, options: { alg?: string | undefined; kid?: string | undefined }): Promise<SigningKey> {
  const { keyObject, jwk } = parse(text, where)
  const alg = options.alg ?? (typeof jwk?.['alg'] === 'string' ? jwk['alg'] : naturalAlg(keyObject, where))
  const params = importParams(keyObject, alg, where)
  const der = keyObject.export({ format: 'der', type: 'pkcs8' })
  try {
    const key = await webcrypto.subtle.importKey('pkcs8', der, params, false, ['sign'])
    return { key, alg, kid: options.kid ?? (typeof jwk?.['kid'] === 'string' ? jwk['kid'] : undefined) }
  } catch {
    throw unusable(`the private key in ${where} cannot sign with ${alg}`, 'use an RSA, EC (P-256, P-384, P-521) or Ed25519 key that fits the signing algorithm')
  }
}

function parse(text: string, where: string): { keyObject: KeyObject; jwk: Record<string, unknown> | undefined } {
  if (text.startsWith('{')) {
    let jwk: Record<string, unknown>
    try {
      jwk = JSON.parse(text) as Record<string, unknown>
    } catch {
      throw unusable(`the private key in ${where} is neither PEM nor a JSON JWK`, 'provide a PEM private key or a private JWK')
    }
    for (const field of JWK_PRIVATE) if (typeof jwk[field] === 'string') registerSecret(jwk[field])
    if (typeof jwk['d'] !== 'string') throw unusable(`the JWK in ${where} is not a private key (no "d")`, 'provide the private JWK, not the public one')
    try {
      return { keyObject: createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }), jwk }
    } catch {
      throw unusable(`the JWK in ${where} is not a usable private key`, 'provide an RSA, EC or OKP (Ed25519) private JWK')
    }
  }
  try {
    return { keyObject: createPrivateKey({ key: text, format: 'pem' }), jwk: undefined }
  } catch {
    const encrypted = /ENCRYPTED/.test(text)
    throw unusable(
      `the private key in ${where} ${encrypted ? 'is encrypted with a passphrase' : 'is not a PEM private key'}`,
      encrypted ? 'decrypt it: openssl pkey -in key.pem -out plain.pem' : 'provide an RSA, EC or Ed25519 private key in PEM form (BEGIN PRIVATE KEY) or a private JWK',
    )
  }
}

function naturalAlg(key: KeyObject, where: string): string {
  const type = key.asymmetricKeyType
  if (type === 'rsa') return 'RS256'
  if (type === 'ed25519') return 'EdDSA'
  const alg = type === 'ec' ? CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined
  if (alg === undefined) throw unusable(`the private key in ${where} is of a type private_key_jwt cannot use (${String(type)})`, 'use an RSA, EC (P-256, P-384, P-521) or Ed25519 key')
  return alg
}

function importParams(key: KeyObject, alg: string, where: string): ImportParams {
  const type = key.asymmetricKeyType
  const misfit = (): never => {
    throw unusable(`the private key in ${where} (${String(type)}) cannot sign with ${alg}`, 'set signingAlgorithm to one that fits the key, or use another key')
  }
  const hash = /^(?:RS|PS)(256|384|512)$/.exec(alg)?.[1]
  if (hash !== undefined) {
    if (type !== 'rsa') return misfit()
    return alg.startsWith('RS') ? { name: 'RSASSA-PKCS1-v1_5', hash: `SHA-${hash}` } : ({ name: 'RSA-PSS', hash: `SHA-${hash}` } as ImportParams)
  }
  const curve = ALG_CURVE[alg]
  if (curve !== undefined) {
    if (type !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== curve[0]) return misfit()
    return { name: 'ECDSA', namedCurve: curve[1] }
  }
  if (alg === 'EdDSA' || alg === 'Ed25519') {
    if (type !== 'ed25519') return misfit()
    return { name: 'Ed25519' }
  }
  throw unusable(`the signing algorithm ${alg.replace(/[^\w-]/g, '').slice(0, 16)} is not supported`, 'use RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA')
}
