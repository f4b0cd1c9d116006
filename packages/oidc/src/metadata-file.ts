/**
 * Authorization-server metadata kept between processes in the product's private folder (the
 * login context's `dir`): `<dir>/.cache/oidc-<hash>.json`. A refresh in a new process (a
 * script's `mycli auth token` once the token expired) then sends one request, the grant, instead
 * of discovery and the grant: half the round trips while twenty processes wait for it.
 *
 * The file is a cache and never fails a call: anything wrong with it (missing, too old, not the
 * user's own or writable by others, in a folder that is, malformed, for another issuer or client)
 * is ignored, nothing is written where others may write, and the server is asked again. As
 * defence in depth, a document is kept and used only when every endpoint it names is on the
 * issuer's own origin (a tampered file cannot send a refresh token elsewhere); other servers are
 * discovered in each process, as before. node:fs only (no core file helpers: every flow bundles
 * this). Internal.
 */
import { constants, type Stats } from 'node:fs'
import { mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fnv1a } from '@auth/core/kit'
import type { ServerMetadata } from 'openid-client'
import type { OidcServer } from './call.js'

/** How long a kept document is used, ms: a day (a moved endpoint costs at most one failed call: see {@link forgetMetadataFile}). */
export const METADATA_FILE_MAX_AGE_MS = 24 * 3_600_000
const MAX_BYTES = 64 * 1024

/** The file that keeps `server`'s metadata under `dir`. */
export function metadataFilePath(dir: string, server: OidcServer): string {
  return join(dir, '.cache', `oidc-${fnv1a(`${server.issuer.href}\n${server.clientId}`)}.json`)
}

/**
 * The kept metadata of `server`, or `undefined` (none, too old, or not to be trusted).
 * @throws Never.
 */
export async function readMetadataFile(dir: string, server: OidcServer, now: number): Promise<ServerMetadata | undefined> {
  try {
    if (!(await privateFolders(dir))) return undefined
    const handle = await open(metadataFilePath(dir, server), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    let text: string
    try {
      const info = await handle.stat()
      if (!info.isFile() || info.size > MAX_BYTES || !own(info)) return undefined
      text = await handle.readFile('utf8')
    } finally {
      await handle.close()
    }
    const doc = JSON.parse(text) as Record<string, unknown> | null
    if (typeof doc !== 'object' || doc === null || doc['v'] !== 1 || doc['issuer'] !== server.issuer.href || doc['clientId'] !== server.clientId) return undefined
    const at = doc['at']
    if (typeof at !== 'number' || !(now - at >= 0 && now - at < METADATA_FILE_MAX_AGE_MS)) return undefined
    const metadata = doc['metadata']
    return isKeepable(metadata, server) ? metadata : undefined
  } catch {
    return undefined
  }
}

/**
 * Keeps `metadata` of `server` under `dir` (0700 folder, 0600 file, renamed into place), when
 * every endpoint is on the issuer's origin. Best effort.
 * @throws Never.
 */
export async function writeMetadataFile(dir: string, server: OidcServer, metadata: ServerMetadata, now: number): Promise<void> {
  const text = JSON.stringify({ v: 1, issuer: server.issuer.href, clientId: server.clientId, at: now, metadata })
  if (!isKeepable(metadata, server) || text.length > MAX_BYTES) return
  const file = metadataFilePath(dir, server)
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    await mkdir(join(dir, '.cache'), { recursive: true, mode: 0o700 })
    if (!(await privateFolders(dir))) return
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' })
    await rename(temp, file)
  } catch {
    await unlink(temp).catch(() => {}) // a cache: the next process discovers again
  }
}

/**
 * Drops the kept metadata of `server`: a call that used it failed (the server may have moved an
 * endpoint), so the next one discovers again. Best effort.
 * @throws Never.
 */
export async function forgetMetadataFile(dir: string, server: OidcServer): Promise<void> {
  await unlink(metadataFilePath(dir, server)).catch(() => {})
}

/** Whether `dir` and `<dir>/.cache` are folders of the user's own that nobody else may write. */
async function privateFolders(dir: string): Promise<boolean> {
  for (const folder of [dir, join(dir, '.cache')]) {
    const info = await stat(folder)
    if (!info.isDirectory() || !own(info)) return false
  }
  return true
}

/** Owned by this user and writable by nobody else (no check where there are no POSIX modes). */
function own(info: Stats): boolean {
  const uid = process.getuid?.()
  return uid === undefined || (info.uid === uid && (info.mode & 0o022) === 0)
}

/** A metadata object for `server`'s issuer whose every `*_endpoint` is an URL on the issuer's origin. */
function isKeepable(metadata: unknown, server: OidcServer): metadata is ServerMetadata {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return false
  const m = metadata as Record<string, unknown>
  if (typeof m['issuer'] !== 'string' || m['issuer'].replace(/\/+$/, '') !== server.issuer.href.replace(/\/+$/, '')) return false
  if (typeof m['token_endpoint'] !== 'string') return false
  for (const [name, value] of Object.entries(m)) {
    if (name.endsWith('_endpoint') && (typeof value !== 'string' || !URL.canParse(value) || new URL(value).origin !== server.issuer.origin)) return false
  }
  return true
}
