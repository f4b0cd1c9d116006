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
export { invalidOption } from './invalid-option.js'
export { isRecord } from './_assert.js'
export { parseHttpUrl } from './_parse-http-url.js'
export type { ParseHttpUrlOptions } from './_parse-http-url.js'
export { isScopeToken, parseScope } from './parse-scope.js'
export type { ParseScopeOptions } from './parse-scope.js'

// HTTP: the fetch of a flow, bounded bodies, server metadata, revocation
export { createDebugFetch, isDebugFetch, markDebugFetch } from './create-debug-fetch.js'
export { createFlowFetch } from './create-flow-fetch.js'
export type { FlowFetchOptions } from './create-flow-fetch.js'
export { readJsonResponse, readResponseText, limitResponseBody, DEFAULT_MAX_BYTES } from './read-json-response.js'
export type { ReadResponseOptions } from './read-json-response.js'
export { createServerMetadataCache } from './create-server-metadata-cache.js'
export type { ServerMetadataCache, ServerMetadataCacheOptions, ServerMetadataKey } from './create-server-metadata-cache.js'
export { revokeTokens, revokeCredential } from './revoke-tokens.js'
export type { ClientAuthLike, RevocableTokens, RevokeTokensOptions, RevokeCredentialOptions } from './revoke-tokens.js'

// One call of a flow: its escape hatches, cancellation, the server a credential belongs to
export { flowRuntime, whileNotAborted } from './flow-runtime.js'
export type { FlowDefaults, FlowRuntime } from './flow-runtime.js'
export { assertSameServer } from './assert-same-server.js'
export type { OAuthConfigLike } from './assert-same-server.js'

// Server answers: tokens, accounts, errors, text
export { tokenResponseFields, expiresAtFrom, MAX_EXPIRES_IN_S } from './token-response-fields.js'
export type { TokenResponseFields, TokenResponseFieldsOptions } from './token-response-fields.js'
export { accountFromProfile } from './account-from-profile.js'
export { badResponse } from './bad-response.js'
export type { BadResponseOptions } from './bad-response.js'
export { sanitizeText } from './_sanitize-text.js'

// Credentials of a login and a refresh (openid-client calls injected)
export { fetchProfile, loginCredential } from './login-credential.js'
export type { FetchProfileOptions, LoginCredentialOptions } from './login-credential.js'
export { refreshCredential, renewedCredential } from './refresh-credential.js'
export type { RefreshCredentialOptions, TokenResponseLike } from './refresh-credential.js'

// Files: a cross-process lock and an atomic private write
export { withFileLock } from './with-file-lock.js'
export type { WithFileLockOptions } from './with-file-lock.js'
export { writeFileAtomic } from './write-file-atomic.js'
export { sweepTempFiles, syncDir } from './_temp-files.js'
export { errorCode, fsError, storageError } from './fs-error.js'

// Stores
export { withoutSource } from './without-source.js'
export type { WriteFileAtomicOptions } from './write-file-atomic.js'
