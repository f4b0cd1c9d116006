/**
 * `@auth/store-file`: a credential store in a 0600 JSON file with atomic writes and a
 * cross-process lock, and the file primitives it is built from (reused by `@auth/store-encrypted`).
 */
export type { FileStore, FileStoreOptions, MoveFileAsideOptions, WithFileLockOptions, WriteFileAtomicOptions } from './types.js'
export { createFileStore } from './create-file-store.js'
export { writeFileAtomic } from './write-file-atomic.js'
export { withFileLock } from './with-file-lock.js'
export { readPrivateFile } from './read-private-file.js'
export { probeFile } from './probe-file.js'
export { moveFileAside } from './move-file-aside.js'
export { parseCredentialsDocument, CREDENTIALS_VERSION } from './parse-credentials-document.js'
export { serializeCredentialsDocument } from './serialize-credentials-document.js'
