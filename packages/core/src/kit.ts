/**
 * `@auth/core/kit`: the protocol-free helpers that flow and store packages share, written once.
 * A product embedding a login imports `@auth/core`; a package author who writes a `Flow` or a
 * `CredentialStore` imports this entry too. Node built-ins and `fetch` only: no OAuth library
 * (the openid-client flows build on `@auth/oidc`, which owns discovery, refresh and revocation).
 *
 * A flow's usual path: check options with `optionChecker` (`parseHttpUrl`, `isScopeToken`
 * underneath); make every request through `createFlowFetch` (debug log without queries, Ctrl-C,
 * body cap); turn a token response into credential fields with `tokenResponseFields`
 * (`expiresAtFrom`, `parseScope`); name the account with `accountFromProfile`; read a body with
 * `readJsonResponse`; clean server text with `sanitizeText`. A store takes the cross-process
 * lock (`withFileLock`) and writes with `writeFileAtomic`.
 */

// Option checks
export { invalidOption } from './kit/invalid-option.js'
export { isLogger, optionChecker } from './kit/option-checker.js'
export type { NumberRange, OptionChecker } from './kit/option-checker.js'
export { isRecord } from './kit/assert.js'
export { parseHttpUrl } from './kit/parse-http-url.js'
export type { ParseHttpUrlOptions } from './kit/parse-http-url.js'
export { isScopeToken, parseScope } from './kit/parse-scope.js'
export type { ParseScopeOptions } from './kit/parse-scope.js'

// HTTP: the fetch of a flow, bounded bodies
export { createDebugFetch, isDebugFetch, markDebugFetch } from './kit/debug-fetch.js'
export { createFlowFetch } from './kit/flow-fetch.js'
export type { FlowFetchOptions } from './kit/flow-fetch.js'
export { readJsonResponse, readResponseText, limitResponseBody, DEFAULT_MAX_BYTES } from './kit/read-response.js'
export type { ReadResponseOptions } from './kit/read-response.js'

// Server answers: tokens, accounts, errors, text
export { tokenResponseFields, expiresAtFrom, MAX_EXPIRES_IN_S } from './kit/token-response-fields.js'
export type { TokenResponseFields, TokenResponseFieldsOptions } from './kit/token-response-fields.js'
export { accountFromProfile } from './kit/account-from-profile.js'
export { badResponse } from './errors/bad-response.js'
export type { BadResponseOptions } from './errors/bad-response.js'
export { fromFetchError } from './errors/from-fetch-error.js'
export type { FetchErrorContext } from './errors/from-fetch-error.js'
export { sanitizeText } from './kit/sanitize-text.js'
export { formatDuration } from './kit/format-duration.js'
export { fnv1a } from './kit/fnv1a.js'

// Files: a cross-process lock and an atomic private write
export { withFileLock } from './fs/with-file-lock.js'
export type { WithFileLockOptions } from './fs/with-file-lock.js'
export { writeFileAtomic } from './fs/write-file-atomic.js'
export { writeTokenIndex } from './token-index/write-token-index.js'
export { sweepTempFiles, syncDir } from './fs/temp-files.js'
export { errorCode, fsError, storageError } from './fs/fs-error.js'

// Sessions: what a flow that can be split carries (`beginLogin` / `resumeLogin`)
export { pendingLogins } from './session/pending-login.js'

// Stores
export { withoutSource } from './store/memory-store.js'
export type { WriteFileAtomicOptions } from './fs/write-file-atomic.js'
