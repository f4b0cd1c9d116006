/**
 * `@auth/store-file`: a credential store in a 0600 JSON file with atomic writes and a
 * cross-process lock, and the file primitives it is built from (reused by `@auth/store-encrypted`).
 */
export type { FileBackedStore, FileStore, FileStoreOptions, MoveFileAsideOptions } from './types.js'
export type { WithFileLockOptions, WriteFileAtomicOptions } from '@auth/core/kit'
export { createFileStore } from './create-file-store.js'
export { entriesStore } from './entries-store.js'
export type { CredentialEntries } from './entries-store.js'
// The lock and the atomic writer live in `@auth/core/kit` (the session's refresh lock uses them
// too); re-exported here for store authors who already import them from this package.
export { withFileLock, writeFileAtomic } from '@auth/core/kit'
export { readPrivateFile } from './read-private-file.js'
export { probeFile } from './probe-file.js'
export { moveFileAside, removeMovedAside } from './move-file-aside.js'
export { parseCredentialsDocument, CREDENTIALS_VERSION } from './parse-credentials-document.js'
export { serializeCredentialsDocument } from './serialize-credentials-document.js'
