import { isRecord, optionChecker } from '@auth/core/kit'
import { clientCredentialsGrant } from 'openid-client'
import type { McpGrant, McpGrantContext } from '../types.js'
import { checkEnv, checkMachineClient } from './_options.js'
import { AS_ROLE, assertGrantOffered, machineFetch, machineScopes, scopeAndResource, whereOf } from './_request.js'
import { clientTokenRequest, machineCredential } from './_token-endpoint.js'
import type { ClientCredentialsGrantOptions } from './types.js'

/**
 * A machine login for `@auth/mcp` (the MCP client-credentials extension): the OAuth 2.0 client
 * credentials grant at the MCP server's authorization server, with `resource` = the MCP
 * server and the chosen scopes, the client authenticated by `client_secret_basic`,
 * `client_secret_post` or `private_key_jwt` (a PEM or JWK private key). The secret or key is
 * read from its source at each request and never stored; the credential holds the access
 * token only (no refresh token: a new grant renews it). Pass it as `createMcpAuth({ grant })`.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options; from `token()` when the
 *   server takes no method this client can do, or no client_credentials grant.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) from `token()` when the secret or key is missing or unusable.
 * @throws OAuthError (exit 4): `INVALID_CLIENT` (a wrong secret or key), `OAUTH_ERROR` (`invalid_scope`, `invalid_target`, ...).
 * @throws NetworkError `NETWORK_ERROR` / `BAD_RESPONSE` (exit 5): unreachable server, a malformed or oversized answer.
 * @example
 * ```ts
 * const grant = createClientCredentialsGrant({ clientId: 'ci-bot', clientSecret: { env: 'MYCLI_CLIENT_SECRET' } })
 * const mcp = createMcpAuth({ name: 'mycli', serverUrl, dir, stores, grant })
 * ```
 * @see https://github.com/modelcontextprotocol/ext-auth/blob/main/specification/draft/oauth-client-credentials.mdx (SEP-1046)
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-2.2 (private_key_jwt)
 * @see https://www.rfc-editor.org/rfc/rfc8707 (resource indicators)
 */
export function createClientCredentialsGrant(options: ClientCredentialsGrantOptions): McpGrant {
  const where = 'createClientCredentialsGrant'
  if (!isRecord(options)) optionChecker('@auth/mcp', where).fail('options', 'must be an object')
  const client = checkMachineClient(options, where, 'options')
  const env = checkEnv(options.env, where)
  return Object.freeze({
    kind: 'client_credentials',
    async token(ctx: McpGrantContext) {
      const metadata = ctx.authorizationServer
      const fetch = machineFetch(ctx)
      assertGrantOffered(metadata.grant_types_supported, 'client_credentials', AS_ROLE)
      const response = await clientTokenRequest(client, metadata, env, fetch, 'client credentials token request', (config) => clientCredentialsGrant(config, scopeAndResource(ctx)))
      return machineCredential(response, {
        now: ctx.now(),
        where: whereOf(metadata),
        issuer: metadata.issuer,
        clientId: client.clientId,
        kind: 'client_credentials',
        scopes: machineScopes(ctx),
        account: { login: client.clientId, id: client.clientId },
      })
    },
  })
}
