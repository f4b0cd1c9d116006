import { StorageError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64.js'
import { headerAad, parseEnvelope, serializeEnvelope, type Envelope } from './envelope.js'
import { isCorrupt } from './errors.js'

const PATH = '/home/me/.authcli/credentials.enc'
const b64 = (n: number, fill = 1) => Buffer.alloc(n, fill).toString('base64')
const valid = {
  version: 1,
  kdf: { name: 'scrypt', N: 131072, r: 8, p: 1, salt: b64(16) },
  kcv: b64(16, 2),
  nonce: b64(12, 3),
  ciphertext: b64(40, 4),
  tag: b64(16, 5),
}
const withField = (field: string, value: unknown) => JSON.stringify({ ...valid, [field]: value })
const withKdf = (kdf: Record<string, unknown>) => withField('kdf', { ...valid.kdf, ...kdf })

describe('parseEnvelope', () => {
  it('parses a valid file and serialises it back', () => {
    const envelope = parseEnvelope(JSON.stringify(valid), PATH)
    expect(envelope.kdf).toMatchObject({ name: 'scrypt', N: 131072, r: 8, p: 1 })
    expect(JSON.parse(serializeEnvelope(envelope))).toEqual(valid)
    expect(parseEnvelope(withField('kdf', { name: 'none' }), PATH).kdf).toEqual({ name: 'none' })
  })

  it('authenticates a canonical header, whatever the key order in the file', () => {
    const reordered = JSON.stringify({
      tag: valid.tag,
      nonce: valid.nonce,
      ciphertext: valid.ciphertext,
      kcv: valid.kcv,
      kdf: { salt: valid.kdf.salt, p: 1, r: 8, N: 131072, name: 'scrypt' },
      version: 1,
    })
    const a = headerAad(parseEnvelope(JSON.stringify(valid), PATH))
    expect(Buffer.from(headerAad(parseEnvelope(reordered, PATH))).equals(Buffer.from(a))).toBe(true)
    const other: Envelope = { ...parseEnvelope(JSON.stringify(valid), PATH), nonce: new Uint8Array(12) }
    expect(Buffer.from(headerAad(other)).equals(Buffer.from(a))).toBe(false)
  })

  it.each([
    ['', 'not valid JSON'],
    ['{"version":1', 'not valid JSON'],
    ['null', 'not a JSON object'],
    ['[1]', 'not a JSON object'],
    ['"x"', 'not a JSON object'],
    [withField('kdf', null), '"kdf" is not valid'],
    [withField('kdf', 'scrypt'), '"kdf" is not valid'],
    [withKdf({ name: 'argon2id' }), '"kdf" is not valid'],
    [withKdf({ N: 100000 }), '"kdf" is not valid'],
    [withKdf({ N: 2 ** 21 }), '"kdf" is not valid'],
    [withKdf({ N: 2 ** 9 }), '"kdf" is not valid'],
    [withKdf({ N: '131072' }), '"kdf" is not valid'],
    [withKdf({ r: 0 }), '"kdf" is not valid'],
    [withKdf({ r: 1.5 }), '"kdf" is not valid'],
    [withKdf({ p: 17 }), '"kdf" is not valid'],
    [withKdf({ salt: b64(8) }), '"kdf" is not valid'],
    [withKdf({ salt: 'not base64!' }), '"kdf" is not valid'],
    [withKdf({ salt: undefined }), '"kdf" is not valid'],
    [withField('nonce', b64(16)), '"nonce" is not valid'],
    [withField('nonce', undefined), '"nonce" is not valid'],
    [withField('nonce', 12), '"nonce" is not valid'],
    [withField('tag', b64(12)), '"tag" is not valid'],
    [withField('kcv', b64(32)), '"kcv" is not valid'],
    [withField('ciphertext', '***'), '"ciphertext" is not valid'],
    [withField('ciphertext', null), '"ciphertext" is not valid'],
  ])('refuses %j as corrupt (%s), naming the file', (text, what) => {
    let caught: unknown
    try {
      parseEnvelope(text, PATH)
    } catch (error) {
      caught = error
    }
    expect(StorageError.isInstance(caught)).toBe(true)
    expect(isCorrupt(caught)).toBe(true)
    expect((caught as StorageError).message).toBe(`@auth/store-encrypted: ${PATH} is corrupt: ${what}`)
  })

  it.each([
    [{ N: 2 ** 20, r: 16 }, 'N=1048576, r=16, p=1'],
    [{ r: 15, p: 16 }, 'N=131072, r=15, p=16'],
    [{ N: 2 ** 18 }, 'N=262144, r=8, p=1'],
    [{ N: 2 ** 18, r: 4 }, 'N=262144, r=4, p=1'],
    [{ p: 2 }, 'N=131072, r=8, p=2'],
  ])('refuses a scrypt cost above the default (%j) as tampered, with its own message', (kdf, params) => {
    let caught: unknown
    try {
      parseEnvelope(withKdf(kdf), PATH)
    } catch (error) {
      caught = error
    }
    expect(StorageError.isInstance(caught)).toBe(true)
    expect(isCorrupt(caught)).toBe(true)
    expect((caught as StorageError).message).toBe(
      `@auth/store-encrypted: ${PATH} was tampered with: its key derivation asks for more work than this package ever writes (scrypt ${params}; at most N=131072, r=8, p=1)`,
    )
  })

  it.each([2, 0, '1', null, undefined])('refuses version %j as unknown', (version) => {
    expect(() => parseEnvelope(withField('version', version), PATH)).toThrow(`${PATH} has an unknown format version (this version reads 1)`)
  })
})

describe('strict base64', () => {
  it.each(['', 'AA==', 'AAA=', 'AAAA', 'AA', '+/+/'])('decodes %j', (text) => {
    expect(decodeBase64(text)).toBeInstanceOf(Uint8Array)
  })
  it.each(['A', 'AAAAA', 'A===', '-_-_', 'AA AA', 'AA\n', 5, null, 'AA==AA'])('refuses %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined()
  })
  it('round-trips', () => {
    const bytes = new Uint8Array([0, 255, 1, 254, 2])
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes)
  })
})
