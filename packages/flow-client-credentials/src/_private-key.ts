import { createPrivateKey, webcrypto, type KeyObject } from 'node:crypto'
import { unusable } from './_unusable.js'

type ImportParams = Parameters<typeof webcrypto.subtle.importKey>[2]

const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }

/**
 * Turns the PEM text of a private key (PKCS#8, PKCS#1 RSA or SEC1 EC) into a non-extractable
 * WebCrypto signing key for `private_key_jwt`: RSA → RS256, EC P-256/384/521 →
 * ES256/384/512, Ed25519 → EdDSA. (WebCrypto in Node 20 cannot import RSA-PSS PKCS#8 keys.) Internal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when the text is not an unencrypted
 * private key of one of these types; the message names the file, never the key.
 */
export async function importPrivateKey(pem: string, file: string): Promise<webcrypto.CryptoKey> {
  let keyObject: KeyObject
  try {
    keyObject = createPrivateKey({ key: pem, format: 'pem' })
  } catch (error) {
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem) || (error as { code?: unknown })?.code === 'ERR_MISSING_PASSPHRASE'
    throw unusable(
      `the private key file ${file} ${encrypted ? 'is encrypted with a passphrase' : 'does not hold a PEM private key'}`,
      encrypted ? `decrypt it: openssl pkey -in ${file} -out key.pem` : 'it must hold an RSA, EC or Ed25519 private key in PEM form (BEGIN PRIVATE KEY)',
    )
  }
  const params = importParams(keyObject, file)
  const der = keyObject.export({ format: 'der', type: 'pkcs8' })
  try {
    return await webcrypto.subtle.importKey('pkcs8', der, params, false, ['sign'])
  } catch {
    throw unusable(`the private key in ${file} cannot be used for signing`, 'use an RSA, EC (P-256, P-384, P-521) or Ed25519 key')
  }
}

function importParams(key: KeyObject, file: string): ImportParams {
  const type = key.asymmetricKeyType
  if (type === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  if (type === 'ed25519') return { name: 'Ed25519' }
  const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? '']
  if (type === 'ec' && curve !== undefined) return { name: 'ECDSA', namedCurve: curve }
  throw unusable(`the private key in ${file} is of a type private_key_jwt cannot use (${String(type)})`, 'use an RSA, EC (P-256, P-384, P-521) or Ed25519 key')
}
