import { generateKeyPairSync } from 'node:crypto'
import { AuthenticationError, ErrorCode } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { importPrivateKey } from './_private-key.js'

const pkcs8 = (key: { export(o: object): string | Buffer }) => String(key.export({ format: 'pem', type: 'pkcs8' }))

describe('importPrivateKey', () => {
  it.each<[string, () => string, string]>([
    ['EC P-256 PKCS#8', () => pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey), 'ECDSA'],
    ['EC P-384 SEC1', () => String(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'sec1' })), 'ECDSA'],
    ['EC P-521', () => pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey), 'ECDSA'],
    ['RSA PKCS#1', () => String(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs1' })), 'RSASSA-PKCS1-v1_5'],
    ['Ed25519', () => pkcs8(generateKeyPairSync('ed25519').privateKey), 'Ed25519'],
  ])('imports %s as a non-extractable signing key', async (_name, make, algorithm) => {
    const key = await importPrivateKey(make(), 'key.pem')
    expect(key.algorithm.name).toBe(algorithm)
    expect(key.type).toBe('private')
    expect(key.extractable).toBe(false)
    expect(key.usages).toEqual(['sign'])
  })

  async function refusal(pem: string): Promise<AuthenticationError> {
    try {
      await importPrivateKey(pem, '/keys/client.pem')
    } catch (error) {
      expect(AuthenticationError.isInstance(error)).toBe(true)
      expect((error as AuthenticationError).code).toBe(ErrorCode.LOGIN_REQUIRED)
      expect((error as AuthenticationError).exitCode).toBe(4)
      return error as AuthenticationError
    }
    throw new Error('expected a refusal')
  }

  it.each<[string, () => string, string]>([
    ['garbage', () => 'not a key at all', 'does not hold a PEM private key'],
    ['a public key', () => String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' })), 'does not hold a PEM private key'],
    ['a truncated key', () => pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey).slice(0, 80), 'does not hold a PEM private key'],
    [
      'an encrypted key',
      () => String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' })),
      'is encrypted with a passphrase',
    ],
    ['an RSA-PSS key', () => pkcs8(generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).privateKey), 'of a type private_key_jwt cannot use (rsa-pss)'],
    ['an Ed448 key', () => pkcs8(generateKeyPairSync('ed448').privateKey), 'of a type private_key_jwt cannot use (ed448)'],
    ['a secp256k1 key', () => pkcs8(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey), 'of a type private_key_jwt cannot use (ec)'],
  ])('refuses %s, naming the file', async (_name, make, fragment) => {
    const error = await refusal(make())
    expect(error.message).toContain('/keys/client.pem')
    expect(error.message).toContain(fragment)
    expect(error.message).not.toMatch(/BEGIN|MII/)
  })
})
