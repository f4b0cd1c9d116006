/** Strict base64 (standard alphabet, padded or not): `undefined` for anything else. Internal. */
export function decodeBase64(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.replace(/=+$/, '').length % 4 === 1) return undefined
  return new Uint8Array(Buffer.from(value, 'base64'))
}

/** Standard padded base64. Internal. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
