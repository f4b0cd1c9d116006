import { randomBytes } from 'node:crypto'
import { ANOTHER_STORE, keychainError } from './errors.js'
import type { KeychainBackend, KeychainCallOptions } from './types.js'

/** The most Windows Credential Manager holds in one secret (`CRED_MAX_CREDENTIAL_BLOB_SIZE`). */
export const WINDOWS_SECRET_LIMIT = 2560

/** The main entry of a chunked secret holds `chunks:v1:<generation>:<count>:<length>`. */
const MARK = 'chunks:v1:'
const HEADER = /^chunks:v1:([0-9a-f]{8}):([1-9][0-9]{0,3}):([0-9]{1,9})$/

interface Header {
  generation: string
  count: number
  length: number
}

/**
 * Wraps a backend whose secrets hold at most `limitBytes` (measured both as UTF-16, which
 * Windows stores, and as UTF-8): a longer secret is split into chunks, each in its own entry
 * (service `<service> chunk <generation>.<i>`, same account; a host URL has no spaces, so no
 * credential's service can clash), and the main entry holds a header naming them. Chunks of
 * a new value are written under a fresh generation before the header points at them, and the
 * old generation is deleted after: a crash leaves the old or the new value, never a mix.
 */
export function chunkedBackend(backend: KeychainBackend, limitBytes: number): KeychainBackend {
  return {
    async get(service, account, options) {
      const head = await backend.get(service, account, options)
      const header = head === null ? undefined : parseHeader(head, service, account)
      return header ? readChunks(backend, service, account, header, options) : head
    },
    async set(service, account, secret, options) {
      const old = lenientHeader(await backend.get(service, account, options))
      const parts = secret.startsWith(MARK) || size(secret) > limitBytes ? split(secret, limitBytes) : undefined
      if (parts) await writeChunks(backend, service, account, secret, parts, options)
      else await backend.set(service, account, secret, options)
      if (old) await deleteChunks(backend, service, account, old, options)
    },
    async delete(service, account, options) {
      const old = lenientHeader(await backend.get(service, account, options))
      const deleted = await backend.delete(service, account, options)
      if (old) await deleteChunks(backend, service, account, old, options)
      return deleted
    },
  }
}

function chunkService(service: string, generation: string, i: number): string {
  return `${service} chunk ${generation}.${i}`
}

async function writeChunks(b: KeychainBackend, service: string, account: string, secret: string, parts: string[], o?: KeychainCallOptions): Promise<void> {
  const generation = randomBytes(4).toString('hex')
  for (const [i, part] of parts.entries()) await b.set(chunkService(service, generation, i), account, part, o)
  await b.set(service, account, `${MARK}${generation}:${parts.length}:${secret.length}`, o)
}

async function readChunks(b: KeychainBackend, service: string, account: string, h: Header, o?: KeychainCallOptions): Promise<string> {
  let secret = ''
  for (let i = 0; i < h.count; i++) {
    const part = await b.get(chunkService(service, h.generation, i), account, o)
    if (part === null) throw incomplete(service, account, `chunk ${i + 1} of ${h.count} is missing`)
    secret += part
  }
  if (secret.length !== h.length) throw incomplete(service, account, 'the chunks do not add up')
  return secret
}

/**
 * Deletes the chunks of a generation that nothing points at any more. Best effort: the value
 * that matters is already written (or deleted), and the failure was logged by the guard.
 */
async function deleteChunks(b: KeychainBackend, service: string, account: string, h: Header, o?: KeychainCallOptions): Promise<void> {
  for (let i = 0; i < h.count; i++) await b.delete(chunkService(service, h.generation, i), account, o).catch(() => false)
}

function parseHeader(value: string, service: string, account: string): Header | undefined {
  if (!value.startsWith(MARK)) return undefined
  const header = lenientHeader(value)
  if (!header) throw incomplete(service, account, 'its chunk header is malformed')
  return header
}

function lenientHeader(value: string | null): Header | undefined {
  const m = value === null ? null : HEADER.exec(value)
  return m ? { generation: m[1] as string, count: Number(m[2]), length: Number(m[3]) } : undefined
}

function incomplete(service: string, account: string, what: string): Error {
  const reason = `the keychain entry is incomplete: ${what}`
  return keychainError(`"${service}" / "${account}": ${reason}`, reason, `store it again (log in again), or ${ANOTHER_STORE}`)
}

/** The larger of the UTF-16 and UTF-8 sizes, in bytes. */
function size(text: string): number {
  return Math.max(text.length * 2, Buffer.byteLength(text, 'utf8'))
}

/** Splits on code point boundaries into parts of at most `limit` bytes (as {@link size}). */
function split(secret: string, limit: number): string[] {
  const parts: string[] = []
  let part = ''
  let u16 = 0
  let u8 = 0
  for (const ch of secret) {
    const c16 = ch.length * 2
    const c8 = Buffer.byteLength(ch, 'utf8')
    if (u16 + c16 > limit || u8 + c8 > limit) {
      parts.push(part)
      part = ''
      u16 = 0
      u8 = 0
    }
    part += ch
    u16 += c16
    u8 += c8
  }
  parts.push(part)
  return parts
}
