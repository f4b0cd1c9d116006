import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { corrupt, storageError } from './errors.js'
import { ENVELOPE_VERSION, KCV_BYTES, NONCE_BYTES, TAG_BYTES, headerAad, type Envelope, type Header, type KdfHeader } from './envelope.js'

// Two keys from the master key (HKDF-SHA256, RFC 5869): one for AES-256-GCM, one for the key check
// value, so the value stored in the header reveals nothing about the encryption key.
const ENCRYPTION_INFO = '@auth/store-encrypted v1 aes-256-gcm'
const CHECK_INFO = '@auth/store-encrypted v1 key check'

function subkey(master: Uint8Array, info: string, length: number): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', master, new Uint8Array(0), info, length))
}

/** The key check value of a master key: HKDF-Expand (an HMAC) of a fixed label. Internal. */
export function keyCheckValue(master: Uint8Array): Uint8Array {
  return subkey(master, CHECK_INFO, KCV_BYTES)
}

/**
 * Seals `plaintext` with AES-256-GCM under a fresh random 96-bit nonce; the header (version,
 * KDF, key check value, nonce) is the associated data. Internal.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (GCM, 8.2.2 random nonces)
 */
export function seal(plaintext: string, kdf: KdfHeader, master: Uint8Array): Envelope {
  const header: Header = { version: ENVELOPE_VERSION, kdf, kcv: keyCheckValue(master), nonce: new Uint8Array(randomBytes(NONCE_BYTES)) }
  const cipher = createCipheriv('aes-256-gcm', subkey(master, ENCRYPTION_INFO, 32), header.nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(headerAad(header))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return { ...header, ciphertext: new Uint8Array(ciphertext), tag: new Uint8Array(cipher.getAuthTag()) }
}

/**
 * Opens a sealed envelope. The key check value comes first: a mismatch is a wrong key; a tag
 * that fails with the right key is a tampered or corrupt file.
 * @throws StorageError "wrong encryption key" or (corrupt) "tampered with or is corrupt". Internal.
 */
export function unseal(envelope: Envelope, master: Uint8Array, label: string, path: string): string {
  if (!timingSafeEqual(keyCheckValue(master), envelope.kcv)) {
    throw storageError(
      `wrong encryption key for ${path} (${label}?)`,
      `set ${label} to the key the file was written with; without it the file cannot be read (delete it and log in again to start over)`,
    )
  }
  const decipher = createDecipheriv('aes-256-gcm', subkey(master, ENCRYPTION_INFO, 32), envelope.nonce, { authTagLength: TAG_BYTES })
  decipher.setAAD(headerAad(envelope))
  decipher.setAuthTag(envelope.tag)
  try {
    return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8')
  } catch {
    throw corrupt(`${path} was tampered with or is corrupt: the key is right but the authentication tag does not match`)
  }
}
