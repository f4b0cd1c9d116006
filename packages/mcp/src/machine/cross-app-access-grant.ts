import { isRecord, optionChecker } from '@auth/core/kit'
import { genericGrantRequest } from 'openid-client'
import type { McpGrant, McpGrantContext } from '../types.js'
import { clientAuth } from './_client-auth.js'
import { exchangeForIdJag, IDP_ROLE, idpMetadata } from './_id-jag.js'
import { checkEnv, checkIdp, checkMachineClient, checkSubject } from './_options.js'
import { AS_ROLE, assertGrantOffered, machineFetch, machineScopes, scopeAndResource, whereOf } from './_request.js'
import { readSubjectToken } from './_sources.js'
import { clientTokenRequest, configurationFor, machineCredential } from './_token-endpoint.js'
import type { CrossAppAccessGrantOptions } from './types.js'

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

/**
 * A machine login for `@auth/mcp` through enterprise-managed authorization (the MCP cross-app
 * access extension, SEP-990): the user's identity assertion at the enterprise IdP (an ID token,
 * or a SAML assertion) is exchanged (RFC 8693) for an ID-JAG addressed to the MCP server's
 * authorization server (`audience` = its issuer, `resource` = the MCP server,
 * `requested_token_type=urn:ietf:params:oauth:token-type:id-jag`), checked, and presented there
 * with the JWT bearer grant (RFC 7523) by this product's client. No browser, no consent
 * screen: the enterprise's policy decides. The credential holds the access token only; when
 * it expires, `token()` runs both legs again with a fresh identity assertion from its source.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options; from `token()` when the
 *   authorization server does not offer the JWT bearer grant.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when the identity assertion, secret or key is missing or unusable.
 * @throws OAuthError (exit 4) from either server: `INVALID_GRANT` (an expired or foreign ID token
 *   or ID-JAG), `INVALID_CLIENT`, `OAUTH_ERROR`.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when the IdP's answer is not an ID-JAG for this
 *   server, resource and client; `NETWORK_ERROR` when a server is unreachable.
 * @example
 * ```ts
 * const grant = createCrossAppAccessGrant({
 *   idp: { tokenEndpoint: 'https://idp.example.com/oauth2/token', clientId: 'mycli-at-idp', clientSecret: { env: 'MYCLI_IDP_SECRET' } },
 *   subjectToken: () => idpLogin.getIdToken(),
 *   client: { clientId: 'mycli', clientSecret: { env: 'MYCLI_CLIENT_SECRET' } },
 * })
 * const mcp = createMcpAuth({ name: 'mycli', serverUrl, dir, stores, grant })
 * ```
 * @see https://github.com/modelcontextprotocol/ext-auth/blob/main/specification/draft/enterprise-oauth.mdx
 * @see https://www.rfc-editor.org/rfc/rfc8693 (token exchange)
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-2.1 (JWT bearer grant)
 */
export function createCrossAppAccessGrant(options: CrossAppAccessGrantOptions): McpGrant {
  const factory = 'createCrossAppAccessGrant'
  if (!isRecord(options)) optionChecker('@auth/mcp', factory).fail('options', 'must be an object')
  const idp = checkIdp(options.idp, factory)
  const client = checkMachineClient(options.client, factory, 'client')
  const { subjectToken, subjectTokenType } = checkSubject(options, factory)
  const env = checkEnv(options.env, factory)
  const idpServer = idpMetadata(idp)
  return Object.freeze({
    kind: 'cross_app_access',
    async token(ctx: McpGrantContext) {
      const metadata = ctx.authorizationServer
      const fetch = machineFetch(ctx)
      assertGrantOffered(metadata.grant_types_supported, JWT_BEARER, AS_ROLE)
      const assertion = await readSubjectToken(subjectToken, env)
      const idpMetadataNow = await idpServer(fetch)
      const idpAuth = await clientAuth(idp, idpMetadataNow, env, IDP_ROLE)
      const idpConfig = configurationFor({ metadata: idpMetadataNow, role: IDP_ROLE, fetch }, idp.clientId, idpAuth.auth)
      const jag = await exchangeForIdJag(idpConfig, fetch, {
        subjectToken: assertion,
        subjectTokenType,
        audience: metadata.issuer,
        resource: ctx.resource,
        scopes: machineScopes(ctx),
        clientId: client.clientId,
        now: ctx.now(),
      })
      const response = await clientTokenRequest(client, metadata, env, fetch, 'JWT bearer grant', (config) =>
        genericGrantRequest(config, JWT_BEARER, scopeAndResource(ctx, { assertion: jag.assertion })),
      )
      const login = jag.subject ?? client.clientId
      return machineCredential(response, {
        now: ctx.now(),
        where: whereOf(metadata),
        issuer: metadata.issuer,
        clientId: client.clientId,
        kind: 'cross_app_access',
        scopes: machineScopes(ctx),
        account: { login, id: login },
      })
    },
  })
}
