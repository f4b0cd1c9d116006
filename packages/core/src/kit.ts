/**
 * `@auth/core/kit`: the helpers that flow and store packages share, written once. A product
 * embedding a login imports `@auth/core`; a package author who writes a `Flow` or a
 * `CredentialStore` imports this entry too.
 */

// Files: a cross-process lock and an atomic private write
export { withFileLock } from './with-file-lock.js'
export type { WithFileLockOptions } from './with-file-lock.js'
export { writeFileAtomic } from './write-file-atomic.js'
export type { WriteFileAtomicOptions } from './write-file-atomic.js'
