/**
 * `@auth/core/kit`: the helpers that flow and store packages share, written once. A product
 * embedding a login imports `@auth/core`; a package author who writes a `Flow` or a
 * `CredentialStore` imports this entry too. Node built-ins and `fetch` only: no OAuth library
 * (helpers take openid-client objects duck-typed, e.g. its `ClientAuth` in `revokeTokens`).
 *
 * A flow's usual path: check options with `parseHttpUrl`, `isScopeToken` and `invalidOption`;
 * make every request through `createFlowFetch` (debug log without queries, Ctrl-C, body cap);
 * discover once with `createServerMetadataCache`; turn a token response into credential fields
 * with `tokenResponseFields` (`expiresAtFrom`, `parseScope`); name the account with
 * `accountFromProfile`; read a body with `readJsonResponse`; revoke with `revokeTokens`; clean
 * server text with `sanitizeText`. An openid-client flow takes each call's `flowRuntime`, wraps
 * every await in `whileNotAborted`, and builds its credentials with `loginCredential`,
 * `refreshCredential` and `revokeCredential` (openid-client's grant and userinfo calls passed in).
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

// HTTP: the fetch of a flow, bounded bodies, server metadata, revocation
export { createDebugFetch, isDebugFetch, markDebugFetch } from './kit/debug-fetch.js'
export { createFlowFetch } from './kit/flow-fetch.js'
export type { FlowFetchOptions } from './kit/flow-fetch.js'
export { readJsonResponse, readResponseText, limitResponseBody, DEFAULT_MAX_BYTES } from './kit/read-response.js'
export type { ReadResponseOptions } from './kit/read-response.js'
export { createServerMetadataCache } from './oauth/server-metadata-cache.js'
export type { ServerMetadataCache, ServerMetadataCacheOptions, ServerMetadataKey } from './oauth/server-metadata-cache.js'
export { revokeTokens, revokeCredential } from './oauth/revoke-tokens.js'
export type { ClientAuthLike, RevocableTokens, RevokeTokensOptions, RevokeCredentialOptions } from './oauth/revoke-tokens.js'

// One call of a flow: its escape hatches, cancellation, the server a credential belongs to
export { flowRuntime, whileNotAborted } from './oauth/flow-runtime.js'
export type { FlowDefaults, FlowRuntime } from './oauth/flow-runtime.js'
export { assertSameServer } from './oauth/assert-same-server.js'
export type { OAuthConfigLike } from './oauth/assert-same-server.js'

// Server answers: tokens, accounts, errors, text
export { tokenResponseFields, expiresAtFrom, MAX_EXPIRES_IN_S } from './kit/token-response-fields.js'
export type { TokenResponseFields, TokenResponseFieldsOptions } from './kit/token-response-fields.js'
export { accountFromProfile } from './kit/account-from-profile.js'
export { badResponse } from './errors/bad-response.js'
export type { BadResponseOptions } from './errors/bad-response.js'
export { sanitizeText } from './kit/sanitize-text.js'

// Credentials of a login and a refresh (openid-client calls injected)
export { fetchProfile, loginCredential } from './oauth/login-credential.js'
export type { FetchProfileOptions, LoginCredentialOptions } from './oauth/login-credential.js'
export { refreshCredential, renewedCredential } from './oauth/refresh-credential.js'
export type { RefreshCredentialOptions, TokenResponseLike } from './oauth/refresh-credential.js'

// Files: a cross-process lock and an atomic private write
export { withFileLock } from './fs/with-file-lock.js'
export type { WithFileLockOptions } from './fs/with-file-lock.js'
export { writeFileAtomic } from './fs/write-file-atomic.js'
export { sweepTempFiles, syncDir } from './fs/temp-files.js'
export { errorCode, fsError, storageError } from './fs/fs-error.js'

// Stores
export { withoutSource } from './store/without-source.js'
export type { WriteFileAtomicOptions } from './fs/write-file-atomic.js'
