import { describe, expect, it } from 'vitest'
import { makeCredential } from '@auth/testing'
import { accountName } from './credential-key.js'
import { credentialKey } from './credential-key.js'
import { credentialKeyId } from './credential-key.js'
import { ConfigError } from '../errors/classes.js'
import { parseCredentialKeyId } from './credential-key.js'

describe('credentialKey', () => {
  it('normalises the host and defaults the account', () => {
    expect(credentialKey('Example.com/')).toEqual({ host: 'https://example.com', account: 'default' })
    expect(credentialKey('https://h/api/', ' alice ')).toEqual({ host: 'https://h/api', account: 'alice' })
  })

  it('accepts plain http hosts: a key only names a credential', () => {
    expect(credentialKey('http://example.com').host).toBe('http://example.com')
  })

  it('rejects bad hosts and accounts', () => {
    expect(() => credentialKey('ftp://h')).toThrow(ConfigError)
    expect(() => credentialKey('https://u:p@h')).toThrow(ConfigError)
    expect(() => credentialKey('h', '')).toThrow(/account/)
    expect(() => credentialKey('h', 'a\nb')).toThrow(/account/)
    expect(() => credentialKey('h', 5 as unknown as string)).toThrow(/account/)
  })
})

describe('credentialKeyId and parseCredentialKeyId', () => {
  it('makes a canonical string with the account URL-encoded', () => {
    expect(credentialKeyId({ host: 'https://h', account: 'alice' })).toBe('https://h#alice')
    expect(credentialKeyId({ host: 'H:443/', account: 'a@b.c#1 x' })).toBe('https://h#a%40b.c%231%20x')
  })

  it('round-trips', () => {
    for (const key of [credentialKey('h'), credentialKey('http://127.0.0.1:8080/api', 'ä#/%'), credentialKey('h', 'x#y')]) {
      expect(parseCredentialKeyId(credentialKeyId(key))).toEqual(key)
    }
  })

  it('rejects garbage keys and ids', () => {
    expect(() => credentialKeyId(undefined as never)).toThrow(ConfigError)
    expect(() => credentialKeyId({ host: 'h' } as never)).toThrow(/account/)
    for (const id of ['', '#alice', 'no-hash', 'https://h#', 'https://h#%E0%A4%A', 'ftp://h#a', 42]) {
      expect(() => parseCredentialKeyId(id as string)).toThrow(ConfigError)
    }
  })

  it('never repeats the id in errors', () => {
    expect(() => parseCredentialKeyId('secretstuff')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secretstuff') }))
  })
})

describe('accountName', () => {
  it('prefers login, then email, then id, then default', () => {
    expect(accountName(makeCredential({ account: { login: 'alice', email: 'a@x', id: '1' } }))).toBe('alice')
    expect(accountName(makeCredential({ account: { email: 'a@x', id: '1' } }))).toBe('a@x')
    expect(accountName(makeCredential({ account: { id: '1' } }))).toBe('1')
    expect(accountName(makeCredential({ account: {} }))).toBe('default')
    expect(accountName(makeCredential({ account: { login: '  ', email: 'e' } }))).toBe('e')
  })

  it('survives garbage', () => {
    expect(accountName(undefined as never)).toBe('default')
    expect(accountName({ account: { login: 5 } } as never)).toBe('default')
  })
})
