import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import { isRefreshable, isSingleToken, signatureOf } from '@auth/core/token-index'

/** What {@link peekCredential} returns: the fields a caller needs to decide whether to hand the token out. */
export interface PeekedCredential {
  accessToken: string
  expiresAt?: number
  needsLogin?: boolean
  /** `true` when it could be renewed without the user (core's `isRefreshable`: a refresh token, or a client-credentials grant) and is not marked `needsLogin`. */
  refreshable?: boolean
}

/** Files larger than this are left to the full read (which refuses them with an error). */
const MAX_BYTES = 16 * 1024 * 1024

/**
 * The credential stored under `keyId` (a `credentialKeyId`) in the file store's `file` (its `path`), read
 * synchronously with `node:fs` alone, for a hot path that must not load the store. With
 * `signature`, only when the opened file still has that {@link signatureOf} (the file a full
 * read validated; the check and the read use one descriptor). `undefined` on any doubt (no
 * file, a file group or others can access, not the version-1 document, no such entry, a token
 * that is not one printable ASCII word, a non-numeric expiry): the caller then reads the store
 * the full way, which reports what is wrong.
 * @example `const credential = peekCredential(store.path, 'https://api.example.com#alice', entry.files[store.path])`
 */
export function peekCredential(file: string, keyId: string, signature?: string): PeekedCredential | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    const info = fstatSync(fd, { bigint: true })
    if (!info.isFile() || info.size > MAX_BYTES || (process.platform !== 'win32' && (info.mode & 0o077n) !== 0n)) return undefined
    if (signature !== undefined && signatureOf(info) !== signature) return undefined
    const doc = JSON.parse(readFileSync(fd, 'utf8')) as { version?: unknown; credentials?: Record<string, unknown> }
    const entry = doc.version === 1 && isObject(doc.credentials) && Object.hasOwn(doc.credentials, keyId) ? doc.credentials[keyId] : undefined
    if (!isObject(entry) || typeof entry['accessToken'] !== 'string' || !isSingleToken(entry['accessToken'])) return undefined
    const { accessToken, expiresAt, needsLogin, refreshToken, flow } = entry
    if (expiresAt !== undefined && typeof expiresAt !== 'number') return undefined
    // core's rule on the stored fields as they are (a credential read back in full gets the same answer).
    const refreshable = isRefreshable({ needsLogin, refreshToken, flow } as Parameters<typeof isRefreshable>[0])
    return { accessToken, ...(expiresAt !== undefined && { expiresAt }), ...(needsLogin === true && { needsLogin: true }), ...(refreshable && { refreshable: true }) }
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
