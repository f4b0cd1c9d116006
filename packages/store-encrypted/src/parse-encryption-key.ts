import { ConfigError, registerSecret } from '@auth/core'
import { optionChecker } from '@auth/core/kit'
import { PKG } from './errors.js'
import type { EncryptionKey } from './types.js'

const HINT = 'use a passphrase of at least 8 characters, or a 32-byte key: `openssl rand -base64 32`'

/**
 * Reads key material from an environment variable's value: exactly 32 bytes in base64 or
 * base64url (`openssl rand -base64 32`) is a raw key; anything else is a passphrase (at least
 * 8 characters; surrounding whitespace ignored; Unicode normalised to NFC when stretched). The
 * value is registered with `registerSecret`, so it is masked in every log and error.
 *
 * @param value - The variable's value.
 * @param variable - Its name (the product's variable), for messages and as the key's `label`; default `the encryption key`.
 * @throws ConfigError `CONFIG_ERROR` (exit 2), naming the variable and never echoing the value,
 * when it is empty or a passphrase shorter than 8 characters.
 * @example
 * ```ts
 * const key = parseEncryptionKey(process.env.MYCLI_ENCRYPTION_KEY ?? '', 'MYCLI_ENCRYPTION_KEY')
 * // { rawKey: Uint8Array(32), label } or { passphrase, label }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-4 (base64) and #section-5 (base64url)
 */
export function parseEncryptionKey(value: string, variable = 'the encryption key'): EncryptionKey {
  if (typeof variable !== 'string' || variable.trim() === '') optionChecker(PKG, 'parseEncryptionKey').fail('variable', 'must be a non-empty string')
  const text = typeof value === 'string' ? value.trim() : ''
  if (text === '') throw new ConfigError(`@auth/store-encrypted: ${variable} is empty`, { hint: HINT })
  registerSecret(text)
  const rawKey = decodeKey32(text)
  if (rawKey !== undefined) return { rawKey, label: variable }
  if ([...text].length < 8) {
    throw new ConfigError(`@auth/store-encrypted: ${variable} is too short for a passphrase (at least 8 characters)`, { hint: HINT })
  }
  return { passphrase: text, label: variable }
}

/** 32 bytes in base64 (43 characters, or 44 with `=`) or base64url; else undefined. */
function decodeKey32(text: string): Uint8Array | undefined {
  const standard = /^[A-Za-z0-9+/]{43}=?$/.test(text)
  const url = /^[A-Za-z0-9_-]{43}=?$/.test(text)
  if (!standard && !url) return undefined
  const bytes = Buffer.from(text, standard ? 'base64' : 'base64url')
  return bytes.length === 32 ? new Uint8Array(bytes) : undefined
}
