/**
 * `@auth/mcp`: log in to an MCP server (or any RFC 9728 protected resource) from its URL.
 * See API.md for the contract.
 */
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
