import { randomBytes } from 'node:crypto'
import { ConfigError, redact } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { parseEncryptionKey } from './parse-encryption-key.js'

function configError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('parseEncryptionKey', () => {
  const bytes = new Uint8Array(randomBytes(32))

  it.each([
    ['base64, padded', Buffer.from(bytes).toString('base64')],
    ['base64, unpadded', Buffer.from(bytes).toString('base64').replace(/=$/, '')],
    ['base64url', Buffer.from(bytes).toString('base64url')],
    ['base64 with a newline around it', `\n${Buffer.from(bytes).toString('base64')}\n`],
  ])('reads 32 bytes of %s as a raw key', (_, value) => {
    expect(parseEncryptionKey(value)).toEqual({ rawKey: bytes, label: 'the encryption key' })
  })

  it('reads a 32-byte key that uses the base64url alphabet', () => {
    const urlish = new Uint8Array(32).fill(0xfb) // "+/" in base64, "-_" in base64url
    expect(parseEncryptionKey(Buffer.from(urlish).toString('base64url'))).toMatchObject({ rawKey: urlish })
  })

  it.each([
    ['31 bytes of base64', Buffer.alloc(31, 7).toString('base64')],
    ['33 bytes of base64', Buffer.alloc(33, 7).toString('base64')],
    ['hex of 32 bytes', Buffer.alloc(32, 7).toString('hex')],
    ['a sentence', 'correct horse battery staple'],
    ['exactly 8 characters', '12345678'],
    ['8 emoji', '🔑🔑🔑🔑🔑🔑🔑🔑'],
  ])('reads %s as a passphrase', (_, value) => {
    expect(parseEncryptionKey(value, 'MY_KEY')).toEqual({ passphrase: value, label: 'MY_KEY' })
  })

  it('trims a passphrase', () => {
    expect(parseEncryptionKey('  a long passphrase \n')).toMatchObject({ passphrase: 'a long passphrase' })
  })

  it.each(['', '   ', '\n', undefined, null, 42])('refuses %j as empty, naming the variable', (value) => {
    const error = configError(() => parseEncryptionKey(value as never, 'MY_KEY'))
    expect(error.message).toBe('@auth/store-encrypted: MY_KEY is empty')
    expect(error.exitCode).toBe(2)
    expect(error.hint).toContain('openssl rand -base64 32')
  })

  it('refuses a short passphrase without echoing it', () => {
    const error = configError(() => parseEncryptionKey('hunter2'))
    expect(error.message).toBe('@auth/store-encrypted: the encryption key is too short for a passphrase (at least 8 characters)')
    expect(error.message).not.toContain('hunter2')
    expect(configError(() => parseEncryptionKey('🔑🔑🔑🔑🔑🔑🔑')).message).toContain('too short')
  })

  it('registers the value as a secret, so redact masks it', () => {
    const passphrase = 'a passphrase nobody may log'
    parseEncryptionKey(passphrase)
    expect(redact(`the key is ${passphrase}`)).not.toContain(passphrase)
  })

  it('refuses a bad variable name', () => {
    expect(() => parseEncryptionKey('12345678', '')).toThrow(ConfigError)
    expect(() => parseEncryptionKey('12345678', 5 as never)).toThrow(ConfigError)
  })
})
