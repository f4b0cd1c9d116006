/**
 * `@auth/core/token-index`: what a command-line tool needs to print a valid stored token at the
 * speed of bare Node. A full lookup (config, profile, stores) that succeeded records what it
 * found and the signatures of the files it depended on; the next run with the same inputs reads
 * that record with `node:fs` alone and, when no file changed, answers without loading the rest
 * of the product. Nothing here holds or writes a secret. This entry is the reading side only,
 * with no import but `node:fs` and `node:path`; the writer, `writeTokenIndex`, is in
 * `@auth/core/kit` (it needs the atomic write).
 */
export { fileSignature, signatureOf, signFiles, UNREADABLE } from './token-index/file-signature.js'
export { readTokenIndex, TOKEN_INDEX_FILE, TOKEN_INDEX_VERSION } from './token-index/read-token-index.js'
export type { TokenIndexEntry } from './token-index/read-token-index.js'
export { DEFAULT_SKEW_MS, freshAt } from './model/fresh-at.js'
export { isSingleToken } from './model/single-token.js'
