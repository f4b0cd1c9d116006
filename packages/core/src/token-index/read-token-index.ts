import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileSignature, UNREADABLE } from './file-signature.js'

/** The token index's file name in the product's folder. */
export const TOKEN_INDEX_FILE = '.token-index.json'

/** The format version this code reads and writes. */
export const TOKEN_INDEX_VERSION = 1

/** Index files larger than this are not read: it holds a few short entries. */
const MAX_BYTES = 64 * 1024

/**
 * What a full token lookup found, and what it depended on: when every file in `files` still has
 * its signature and the caller's `inputs` (flags, environment) are the same, the same lookup
 * finds the same thing. It never holds a secret: `store` entries name the credential, the
 * token stays where it is.
 */
export interface TokenIndexEntry {
  /** The caller's inputs as one string (flags and environment variables, never a secret's value). */
  inputs: string
  /** Path → {@link fileSignature} of every file and folder the lookup read or checked. */
  files: Record<string, string>
  /** `env`: the token variable answered. `store`: the credential under `key` (a `credentialKeyId`) in the file store whose file is `file`. */
  token: { kind: 'env' } | { kind: 'store'; store: 'file'; file: string; key: string }
}

/**
 * The entry of the token index in `dir` for `inputs` whose files are all unchanged, read
 * synchronously with nothing but `node:fs` (a command-line tool's hot path runs this before it
 * loads anything else). `undefined` on any doubt: no index, another version, a file that
 * another user owns or may write, a malformed entry, a changed file. The caller then does the
 * full lookup, which may write a new entry ({@link writeTokenIndex}).
 * @example `const entry = readTokenIndex(dir, inputs); if (entry?.token.kind === 'env') print(env.MYCLI_TOKEN)`
 */
export function readTokenIndex(dir: string, inputs: string): TokenIndexEntry | undefined {
  const entry = readTokenIndexEntry(dir, inputs)
  return entry !== undefined && unchangedFiles(entry) ? entry : undefined
}

/**
 * The entry of the token index in `dir` for `inputs` as recorded, whether or not its files are
 * still unchanged (never an answer by itself: see {@link readTokenIndex} and
 * {@link unchangedFiles}); `undefined` when there is none or it cannot be trusted.
 * @example `const entry = readTokenIndexEntry(dir, inputs); if (entry && !unchangedFiles(entry)) ...`
 */
export function readTokenIndexEntry(dir: string, inputs: string): TokenIndexEntry | undefined {
  const entry: unknown = tokenIndexEntries(dir).find((e: unknown) => isObject(e) && e['inputs'] === inputs)
  return isEntry(entry) ? entry : undefined
}

/**
 * The well-formed entries of the token index in `dir`, newest first, read under the reader's
 * trust rule (a regular file of this user or root that group and others cannot write, at most
 * 64 KiB); `[]` on any doubt. The writer keeps these, so an entry it carries forward is one the
 * reader would have trusted. Internal.
 */
export function trustedTokenIndexEntries(dir: string): TokenIndexEntry[] {
  return tokenIndexEntries(dir).filter(isEntry)
}

function tokenIndexEntries(dir: string): unknown[] {
  try {
    const doc = JSON.parse(readOwnFile(join(dir, TOKEN_INDEX_FILE)) ?? 'null') as unknown
    return isObject(doc) && doc['version'] === TOKEN_INDEX_VERSION && Array.isArray(doc['entries']) ? doc['entries'] : []
  } catch {
    return []
  }
}

/**
 * Whether every file `entry` depended on still has the signature it had when the entry was recorded.
 * @example `unchangedFiles(entry)` is `false` once the credentials file was rewritten
 */
export function unchangedFiles(entry: TokenIndexEntry): boolean {
  return Object.entries(entry.files).every(([path, signature]) => signature !== UNREADABLE && fileSignature(path) === signature)
}

/** The file's text when it is a regular file of this user (or root) that group and others cannot write; else `undefined`. */
function readOwnFile(path: string): string | undefined {
  let fd: number
  try {
    // Not blocked by a FIFO put there (refused below: not a regular file).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch {
    return undefined
  }
  try {
    const info = fstatSync(fd)
    const uid = process.getuid?.()
    if (!info.isFile() || info.size > MAX_BYTES || (info.mode & 0o022) !== 0 || (uid !== undefined && info.uid !== uid && info.uid !== 0)) return undefined
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

function isEntry(value: unknown): value is TokenIndexEntry {
  if (!isObject(value) || typeof value['inputs'] !== 'string' || !isObject(value['files']) || !isObject(value['token'])) return false
  if (!Object.values(value['files']).every((s) => typeof s === 'string')) return false
  const token = value['token']
  // A store entry is read only with the signature its file had (peekCredential's check).
  return (
    token['kind'] === 'env' ||
    (token['kind'] === 'store' && token['store'] === 'file' && typeof token['file'] === 'string' && Object.hasOwn(value['files'], token['file']) && typeof token['key'] === 'string')
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
