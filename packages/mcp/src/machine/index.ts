// The machine logins of `@auth/mcp` (item 8): McpGrant implementations for `createMcpAuth({ grant })`.
export { createClientCredentialsGrant } from './client-credentials-grant.js'
export { createCrossAppAccessGrant } from './cross-app-access-grant.js'
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
} from './types.js'
