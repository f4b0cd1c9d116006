import { ConfigError, StorageError, credentialKey, credentialKeyId } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { makeCredential } from '@auth/testing'
import { parseCredentialsDocument } from './parse-credentials-document.js'
import { serializeCredentialsDocument } from './serialize-credentials-document.js'

const PATH = '/home/me/.authcli/credentials'
const ID = credentialKeyId(credentialKey('example.com', 'alice'))

function doc(credentials: unknown, version: unknown = 1): string {
  return JSON.stringify({ version, credentials })
}

function parseError(text: string): StorageError {
  try {
    parseCredentialsDocument(text, PATH)
  } catch (error) {
    expect(StorageError.isInstance(error)).toBe(true)
    return error as StorageError
  }
  throw new Error('expected a StorageError')
}

describe('parseCredentialsDocument', () => {
  it('round-trips with serializeCredentialsDocument, dropping source', () => {
    const entries = new Map([[ID, makeCredential({ source: 'file', expiresAt: 5, refreshToken: 'refresh-token-1' })]])
    const text = serializeCredentialsDocument(entries)
    expect(JSON.parse(text)).toEqual({ version: 1, credentials: { [ID]: makeCredential({ expiresAt: 5, refreshToken: 'refresh-token-1' }) } })
    expect(parseCredentialsDocument(text, PATH)).toEqual(new Map([[ID, makeCredential({ expiresAt: 5, refreshToken: 'refresh-token-1' })]]))
  })

  it('serialises keys sorted and canonical', () => {
    const text = serializeCredentialsDocument(
      new Map([
        ['https://b.example#x', makeCredential()],
        ['HTTPS://A.example:443/#y', makeCredential()],
      ]),
    )
    expect(Object.keys(JSON.parse(text).credentials)).toEqual(['https://a.example#y', 'https://b.example#x'])
    expect(text.endsWith('}\n')).toBe(true)
    expect(() => serializeCredentialsDocument(new Map([['no-hash', makeCredential()]]))).toThrow(ConfigError)
    expect(() => serializeCredentialsDocument({} as never)).toThrow(ConfigError)
  })

  it('canonicalises the key ids it reads; an empty document is fine', () => {
    const entries = parseCredentialsDocument(doc({ 'HTTPS://Example.com/#alice': makeCredential() }), PATH)
    expect([...entries.keys()]).toEqual([ID])
    expect(parseCredentialsDocument(doc({}), PATH).size).toBe(0)
  })

  it.each([
    ['', 'not valid JSON'],
    ['{"version":1,"credentials":{}', 'not valid JSON'],
    ['\u0000\u0001binary', 'not valid JSON'],
    ['null', 'not a JSON object'],
    ['[]', 'not a JSON object'],
    ['"text"', 'not a JSON object'],
    ['42', 'not a JSON object'],
    [doc([]), '"credentials" must be an object'],
    [doc(null), '"credentials" must be an object'],
    [doc('x'), '"credentials" must be an object'],
    [JSON.stringify({ version: 1 }), '"credentials" must be an object'],
    [doc({ 'no-hash-here': makeCredential() }), 'an entry has an invalid key'],
    [doc({ 'ftp://h#a': makeCredential() }), 'an entry has an invalid key'],
    [doc({ 'https://h#%E0%A4%A': makeCredential() }), 'an entry has an invalid key'],
    [`{"version":1,"credentials":{"__proto__":${JSON.stringify(makeCredential())}}}`, 'an entry has an invalid key'],
    [doc({ 'https://h#a': makeCredential(), 'HTTPS://H/#a': makeCredential() }), 'two entries for https://h#a'],
    [doc({ [ID]: null }), 'not an object'],
    [doc({ [ID]: 'a token' }), 'not an object'],
    [doc({ [ID]: { ...makeCredential(), accessToken: undefined } }), '"accessToken" is missing'],
    [doc({ [ID]: { ...makeCredential(), accessToken: '' } }), '"accessToken" is missing'],
    [doc({ [ID]: { ...makeCredential(), scopes: 'openid' } }), '"scopes"'],
    [doc({ [ID]: { ...makeCredential(), expiresAt: 'soon' } }), '"expiresAt"'],
    [doc({ [ID]: { ...makeCredential(), account: 'alice' } }), '"account" must be an object'],
  ])('refuses %j as corrupt (%s), naming the file', (text, what) => {
    const error = parseError(text)
    expect(error.message).toContain(`@auth/store-file: ${PATH} is corrupt`)
    expect(error.message).toContain(what)
    expect(error.exitCode).toBe(6)
    expect(error.hint).toMatch(/log in again/)
  })

  it.each([
    [2, '2'],
    [0, '0'],
    ['1', 'a string'],
    [undefined, 'none'],
    [null, 'null'],
    [1.5, '1.5'],
    [[1], 'an array'],
    [{}, 'an object'],
    [true, 'a boolean'],
  ])('refuses version %j as unknown', (version, shown) => {
    const error = parseError(JSON.stringify({ version, credentials: {} }))
    expect(error.message).toBe(`@auth/store-file: ${PATH} has an unknown format version (${shown}; this version reads 1)`)
    expect(error.hint).toMatch(/^upgrade, or log in again/)
  })

  it('never echoes a secret from the file', () => {
    const error = parseError(doc({ [ID]: { ...makeCredential({ accessToken: 'super-secret-token-value' }), scopes: 7 } }))
    expect(error.message).not.toContain('super-secret-token-value')
    expect(parseError('{"accessToken":"super-secret-token-value"').message).not.toContain('super-secret')
  })
})
