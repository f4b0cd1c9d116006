import { randomBytes } from 'node:crypto'

/**
 * A new random 32-byte data key (a CSPRNG's output), for envelope encryption: store it in the
 * keychain and pass `{ provider: () => fetchItFromTheKeychain() }` as the key.
 *
 * @throws Never.
 * @example
 * ```ts
 * const dataKey = generateDataKey()
 * await keychain.set('data-key', Buffer.from(dataKey).toString('base64'))
 * ```
 * @see https://nodejs.org/api/crypto.html#cryptorandombytessize-callback
 */
export function generateDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(32))
}
