import { decodeBase64, encodeBase64 } from './base64.js'
import { corrupt } from './errors.js'
import { SCRYPT_DEFAULTS, scryptCostOk, scryptParamsOk } from './scrypt.js'

/** The format version of the sealed file. */
export const ENVELOPE_VERSION = 1

/** How the key was made: scrypt from a passphrase, or a 32-byte key used as is. */
export type KdfHeader = { name: 'scrypt'; N: number; r: number; p: number; salt: Uint8Array } | { name: 'none' }

/** The authenticated header: version, KDF, key check value, nonce. */
export interface Header {
  version: number
  kdf: KdfHeader
  /** The key check value: tells a wrong key from a tampered file. */
  kcv: Uint8Array
  nonce: Uint8Array
}

/** The whole sealed file. */
export interface Envelope extends Header {
  ciphertext: Uint8Array
  tag: Uint8Array
}

export const NONCE_BYTES = 12
export const TAG_BYTES = 16
export const KCV_BYTES = 16
export const SALT_BYTES = 16

/**
 * Parses the sealed file `{ version, kdf, kcv, nonce, ciphertext, tag }`, checking every field.
 * @throws StorageError (corrupt, exit 6) naming the file and the field; "was tampered with" for a
 * scrypt cost above the default, before any key is derived. Internal.
 */
export function parseEnvelope(text: string, path: string): Envelope {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw corrupt(`${path} is corrupt: not valid JSON`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw corrupt(`${path} is corrupt: not a JSON object`)
  const d = doc as Record<string, unknown>
  if (d['version'] !== ENVELOPE_VERSION) {
    throw corrupt(`${path} has an unknown format version (this version reads ${ENVELOPE_VERSION})`, 'upgrade, or log in again to start over (the file is moved aside first)')
  }
  const bytes = (field: string, length?: number): Uint8Array => {
    const value = decodeBase64(d[field])
    if (value === undefined || (length !== undefined && value.length !== length)) throw corrupt(`${path} is corrupt: "${field}" is not valid`)
    return value
  }
  return { version: ENVELOPE_VERSION, kdf: parseKdf(d['kdf'], path), kcv: bytes('kcv', KCV_BYTES), nonce: bytes('nonce', NONCE_BYTES), ciphertext: bytes('ciphertext'), tag: bytes('tag', TAG_BYTES) }
}

function parseKdf(value: unknown, path: string): KdfHeader {
  const k = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (k['name'] === 'none') return { name: 'none' }
  const salt = decodeBase64(k['salt'])
  const params = { N: k['N'] as number, r: k['r'] as number, p: k['p'] as number }
  if (k['name'] !== 'scrypt' || salt === undefined || salt.length < SALT_BYTES || salt.length > 64 || !scryptParamsOk(params)) {
    throw corrupt(`${path} is corrupt: "kdf" is not valid`)
  }
  if (!scryptCostOk(params)) throw tooCostly(path, params)
  return { name: 'scrypt', ...params, salt }
}

/** A header asking for more scrypt work than we ever write: refused before deriving, as tampered (exit 6). */
function tooCostly(path: string, { N, r, p }: { N: number; r: number; p: number }): Error {
  const d = SCRYPT_DEFAULTS
  return corrupt(`${path} was tampered with: its key derivation asks for more work than this package ever writes (scrypt N=${N}, r=${r}, p=${p}; at most N=${d.N}, r=${d.r}, p=${d.p})`)
}

/** The header as the associated data of AES-GCM: canonical JSON, whatever the file's key order. */
export function headerAad(header: Header): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(headerJson(header)))
}

function headerJson(header: Header): Record<string, unknown> {
  const { kdf } = header
  const kdfJson = kdf.name === 'none' ? { name: 'none' } : { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: encodeBase64(kdf.salt) }
  return { version: header.version, kdf: kdfJson, kcv: encodeBase64(header.kcv), nonce: encodeBase64(header.nonce) }
}

/** The sealed file's text. */
export function serializeEnvelope(envelope: Envelope): string {
  const doc = { ...headerJson(envelope), ciphertext: encodeBase64(envelope.ciphertext), tag: encodeBase64(envelope.tag) }
  return `${JSON.stringify(doc, null, 2)}\n`
}
