/**
 * `@auth/flow-client-credentials`: the OAuth 2.0 client credentials grant for CI jobs and
 * services, with the client secret from an env var or a 0600 file, or a private key
 * (`client_secret_basic`, `client_secret_post`, `private_key_jwt`). Built on openid-client 6.
 */
export { createClientCredentialsFlow } from './create-client-credentials-flow.js'
export { resolveClientSecret } from './resolve-client-secret.js'
export type { ClientAuthMethod, ClientCredentialsFlowOptions, ResolveClientSecretOptions, SecretSource } from './types.js'
