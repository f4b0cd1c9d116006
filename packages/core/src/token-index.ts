/**
 * `@auth/core/token-index`: what a command-line tool needs to print a valid stored token at the
 * speed of bare Node. A full lookup (config, profile, stores) that succeeded records what it
 * found and the signatures of the files it depended on; the next run with the same inputs reads
 * that record with `node:fs` alone and, when no file changed, answers without loading the rest
 * of the product. Nothing here holds or writes a secret. This entry is the reading side only,
 * with no import but `node:fs` and `node:path`; the writer, `writeTokenIndex`, is in
 * `@auth/core/kit` (it needs the atomic write). When the indexed credential is no longer fresh,
 * processes started at once elect one leader with a marker file (`claimRefreshMarker`): it does
 * the full lookup (renewing under the store's lock, then recording the index again) while the
 * others wait for the index to answer (`waitForTokenIndex`) instead of loading the product.
 */
export { fileSignature, signatureOf, signFiles, UNREADABLE } from './token-index/file-signature.js'
export { readTokenIndex, readTokenIndexEntry, TOKEN_INDEX_FILE, unchangedFiles, TOKEN_INDEX_VERSION } from './token-index/read-token-index.js'
export type { TokenIndexEntry } from './token-index/read-token-index.js'
export { DEFAULT_SKEW_MS, freshAt } from './model/fresh-at.js'
export { isSingleToken } from './model/single-token.js'
export { isRefreshable } from './model/refreshable.js'
export { claimRefreshMarker, REFRESH_MARKER_STALE_MS, refreshMarkerPath, refreshMarkerState } from './token-index/refresh-marker.js'
export type { RefreshMarkerClaim, RefreshMarkerState } from './token-index/refresh-marker.js'
export { waitForTokenIndex } from './token-index/wait-for-token-index.js'
export type { WaitForTokenIndexOptions } from './token-index/wait-for-token-index.js'
