/**
 * `@auth/mcp`: log in to an MCP server (or any RFC 9728 protected resource) from its URL:
 * discovery from a 401, client registration, PKCE with `resource` binding, step-up, one login
 * and one refresh across processes; a `fetch` for MCP transports and an adapter for the MCP
 * SDK's `OAuthClientProvider`. See API.md for the contract.
 */
export { createMcpAuth } from './create-mcp-auth.js'
export type {
  AuthorizationServerMetadata,
  McpAuth,
  McpAuthOptions,
  McpDiscovery,
  McpGrant,
  McpGrantContext,
  McpLoginResult,
  PreRegisteredClient,
  ProtectedResourceMetadata,
  RegisteredClient,
  WwwAuthenticateChallenge,
} from './types.js'

// Discovery
export { parseWwwAuthenticate, bearerChallenge } from './discovery/www-authenticate.js'
export { discoverProtectedResource } from './discovery/protected-resource.js'
export type { DiscoverProtectedResourceOptions } from './discovery/protected-resource.js'
export { discoverAuthorizationServer } from './discovery/authorization-server.js'
export type { DiscoverAuthorizationServerOptions } from './discovery/authorization-server.js'
export { discoverMcp, canonicalResource } from './discovery/discover.js'
export type { DiscoverMcpOptions } from './discovery/discover.js'
export { assertSafeUrl, isSafeUrl } from './discovery/safe-url.js'
export { chooseScopes } from './discovery/scopes.js'
export type { ChooseScopesInput } from './discovery/scopes.js'

// Registration
export { clientMetadataDocument } from './registration/client-metadata-document.js'
export type { ClientMetadataDocumentOptions } from './registration/client-metadata-document.js'
export { registerClient } from './registration/register-client.js'
export type { RegisterClientOptions } from './registration/register-client.js'
export {
  CLIENT_ACCOUNT,
  CLIENT_FLOW,
  forgetRegisteredClient,
  isRegisteredClientKey,
  isResourceCredential,
  loadRegisteredClient,
  registeredClientKey,
  saveRegisteredClient,
} from './registration/client-store.js'

// The MCP SDK adapter
export { createMcpOAuthProvider } from './sdk/oauth-provider.js'
export type { McpOAuthProviderOptions } from './sdk/oauth-provider.js'

// Machine logins (item 8): McpGrant implementations for `createMcpAuth({ grant })`
export { createClientCredentialsGrant, createCrossAppAccessGrant } from './machine/index.js'
export type {
  ClientCredentialsGrantOptions,
  CrossAppAccessGrantOptions,
  EnterpriseIdp,
  KeySource,
  MachineAuthMethod,
  MachineClient,
  SecretSource,
  SubjectTokenType,
  TokenSource,
} from './machine/index.js'

// The stdio <-> Streamable HTTP bridge (src/proxy/, owned by mcp-cli)
export { runMcpProxy } from './proxy/index.js'
export type { McpProxyOptions, McpProxyResult, ProxyOutput } from './proxy/index.js'
