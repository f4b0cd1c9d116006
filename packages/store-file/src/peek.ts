/**
 * `@auth/store-file/peek`: a synchronous read of one credential with `node:fs` alone, for a
 * command-line tool's hot path (`mycli auth token`) that must not load the store, the session or
 * its error classes. See `@auth/core/token-index` for when its answer may be trusted.
 */
export { peekCredential } from './peek-credential.js'
export type { PeekedCredential } from './peek-credential.js'
