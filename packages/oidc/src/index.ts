/**
 * `@auth/oidc`: the OpenID Connect / OAuth 2.0 base of the login flows that use openid-client
 * (`@auth/flow-device`, `@auth/flow-pkce`, `@auth/flow-client-credentials`). A flow builds one
 * client from its checked settings (`createOidcClient`) and keeps only its grant: the client
 * owns discovery (one per server, concurrent callers joined), each call's openid-client
 * `Configuration`, the login credential, refresh and revocation at the server a credential
 * recorded, and the hints. A product that only uses PATs never loads this package.
 */
export { createOidcClient, flowHints } from './client.js'
export type { FlowHints, OidcClient, OidcClientOptions } from './client.js'
export { createCall, flowRuntime, whileNotAborted } from './call.js'
export { createServerMetadataCache } from './metadata-cache.js'
export type { CallSettings, ClientAuthFor, FlowDefaults, FlowRuntime, OidcCall, OidcServer } from './call.js'
export type { ServerMetadataCache } from './metadata-cache.js'
export { loginCredential } from './login-credential.js'
export type { LoginCredentialOptions, TokenResponse } from './login-credential.js'
export { refreshCredential, renewedCredential } from './refresh.js'
export { revokeCredential } from './revoke.js'
