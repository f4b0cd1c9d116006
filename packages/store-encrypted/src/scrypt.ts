import { createHash, scrypt } from 'node:crypto'

/** scrypt cost parameters. */
export interface ScryptParams {
  N: number
  r: number
  p: number
}

/**
 * What new files use: OWASP's recommendation for scrypt (N=2^17, r=8, p=1: 128 MiB of memory).
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
 */
export const SCRYPT_DEFAULTS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 })

/** The memory scrypt may use; the default parameters need 128 MiB (Node's default limit is 32 MiB). */
export const SCRYPT_MAXMEM = 256 * 1024 * 1024

/** Whether parameters read from a file are well-formed: powers of two and small integers in range. */
export function scryptParamsOk({ N, r, p }: ScryptParams): boolean {
  const int = (x: number, min: number, max: number) => Number.isSafeInteger(x) && x >= min && x <= max
  return int(N, 2 ** 10, 2 ** 20) && (N & (N - 1)) === 0 && int(r, 1, 32) && int(p, 1, 16)
}

/**
 * Whether well-formed parameters cost no more than {@link SCRYPT_DEFAULTS}, the most this
 * package ever writes: N, r, p each at most the default, and memory (128·r·N) at most 128 MiB.
 * A header asking for more was not written by us (a tampered file could force ~14 s of scrypt
 * with N=2^17, r=15, p=16 on every command), so it is refused before deriving.
 */
export function scryptCostOk({ N, r, p }: ScryptParams): boolean {
  const d = SCRYPT_DEFAULTS
  return N <= d.N && r <= d.r && p <= d.p && 128 * r * N <= 128 * d.r * d.N
}

// Derived keys by parameters + salt + a hash of the passphrase, for the life of the process:
// scrypt costs a few hundred ms on purpose, and a file keeps its salt until the key rotates.
const cache = new Map<string, Promise<Uint8Array>>()
const CACHE_LIMIT = 16

/** scrypt(passphrase (NFC), salt) -> 32 bytes, cached per process per salt; never above the default cost. Internal. */
export function deriveScrypt(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  if (!scryptParamsOk(params) || !scryptCostOk(params)) return Promise.reject(new RangeError('@auth/store-encrypted: scrypt parameters above the default cost'))
  const secret = passphrase.normalize('NFC')
  const id = [params.N, params.r, params.p, Buffer.from(salt).toString('base64'), createHash('sha256').update(secret).digest('base64')].join(':')
  const hit = cache.get(id)
  if (hit !== undefined) return hit
  const derived = new Promise<Uint8Array>((resolve, reject) => {
    scrypt(secret, salt, 32, { ...params, maxmem: SCRYPT_MAXMEM }, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key))))
  })
  cache.set(id, derived)
  derived.catch(() => cache.delete(id))
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  return derived
}
