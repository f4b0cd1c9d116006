import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { importSigningKey } from './_private-key.js'

function pem(type: 'ec' | 'rsa' | 'ed25519', curve?: string): string {
  const options = type === 'ec' ? { namedCurve: curve as string } : type === 'rsa' ? { modulusLength: 2048 } : {}
  const { privateKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string })
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string; hint?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: { code?: string; message: string; hint?: string }) => e,
  )
}

describe('importSigningKey', () => {
  test.each([
    ['ec', 'prime256v1', 'ES256', 'ECDSA'],
    ['ec', 'secp384r1', 'ES384', 'ECDSA'],
    ['rsa', undefined, 'RS256', 'RSASSA-PKCS1-v1_5'],
    ['ed25519', undefined, 'EdDSA', 'Ed25519'],
  ] as const)('a %s PEM key (%s) signs with its natural algorithm %s', async (type, curve, alg, name) => {
    const key = await importSigningKey(pem(type, curve), 'the test key', {})
    expect(key.alg).toBe(alg)
    expect(key.key.algorithm.name).toBe(name)
    expect(key.key.extractable).toBe(false)
    expect(key.key.usages).toEqual(['sign'])
  })

  test('an RSA key for PS256 when asked; a JWK with its kid and alg', async () => {
    expect((await importSigningKey(pem('rsa'), 'k', { alg: 'PS256' })).key.algorithm.name).toBe('RSA-PSS')
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256' })
    const key = await importSigningKey(jwk, 'k', {})
    expect([key.alg, key.kid]).toEqual(['ES256', 'k1'])
    expect((await importSigningKey(jwk, 'k', { kid: 'other' })).kid).toBe('other')
  })

  test('refusals name the source, never the key: public JWK, garbage, encrypted PEM, a misfit or unknown algorithm', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const publicJwk = JSON.stringify(publicKey.export({ format: 'jwk' }))
    expect((await failure(importSigningKey(publicJwk, 'the env var K', {}))).message).toBe('@auth/mcp: the JWK in the env var K is not a private key (no "d")')
    expect((await failure(importSigningKey('not a key', 'the file k.pem', {}))).message).toBe('@auth/mcp: the private key in the file k.pem is not a PEM private key')
    const encrypted = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString()
    expect((await failure(importSigningKey(encrypted, 'k.pem', {}))).message).toContain('is encrypted with a passphrase')
    const misfit = await failure(importSigningKey(pem('rsa'), 'k.pem', { alg: 'ES256' }))
    expect([misfit.code, misfit.message]).toEqual(['LOGIN_REQUIRED', '@auth/mcp: the private key in k.pem (rsa) cannot sign with ES256'])
    expect((await failure(importSigningKey(pem('ec', 'prime256v1'), 'k.pem', { alg: 'ES384' }))).message).toContain('cannot sign with ES384')
    expect((await failure(importSigningKey(pem('ec', 'prime256v1'), 'k.pem', { alg: 'HS256' }))).message).toContain('the signing algorithm HS256 is not supported')
    const text = JSON.stringify(privateKey.export({ format: 'jwk' }))
    const jwkError = await failure(importSigningKey(text.replace('"EC"', '"XX"'), 'k', {}))
    expect(jwkError.message).not.toContain(JSON.parse(text).d)
  })
})

describe('readPrivateKey', () => {
  test('a PEM from an environment variable with its line breaks written as \\n is read as the PEM', async () => {
    const { readPrivateKey } = await import('./_sources.js')
    const text = pem('ec', 'prime256v1')
    const flattened = text.trim().split('\n').join('\\n')
    expect(await readPrivateKey({ env: 'K' }, { K: flattened })).toBe(text.trim())
    expect((await importSigningKey(await readPrivateKey({ env: 'K' }, { K: flattened }), 'K', {})).alg).toBe('ES256')
  })

  test('missing and empty sources: LOGIN_REQUIRED naming the source', async () => {
    const { readPrivateKey } = await import('./_sources.js')
    expect((await failure(readPrivateKey({ env: 'NOPE' }, {}))).message).toBe('@auth/mcp: the private key is expected in the environment variable NOPE, which is not set')
    expect((await failure(readPrivateKey({ value: ' ', label: 'the pasted key' }, {}))).message).toBe('@auth/mcp: the private key in the pasted key is empty')
  })
})
