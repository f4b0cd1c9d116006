import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js'
import { splitScopes } from '../discovery/scopes.js'
import type { McpAuth } from '../types.js'

/** Options of {@link createMcpOAuthProvider}. */
export interface McpOAuthProviderOptions {
  /** Client metadata the SDK may show (`client_name`...); the login's own registration is the session's. */
  clientMetadata?: Partial<OAuthClientMetadata> | undefined
}

/**
 * The MCP TypeScript SDK's `OAuthClientProvider` (SDK 1.x), backed by an {@link McpAuth}
 * session, for an app already written with the SDK's `auth()`: pass it as the `authProvider` of
 * `StreamableHTTPClientTransport`. `tokens()` hands the SDK the session's access token (stored,
 * renewed under the cross-process lock, or a login through the session when there is none) and
 * never a refresh token, so the SDK never refreshes on its own. When the SDK decides to
 * authorize (a 401 or a 403 `insufficient_scope`), `redirectToAuthorization` runs the session's
 * own login (its `state`, `iss` and PKCE checks, its listener and opener, the scopes the SDK
 * asked for) and never opens the SDK's URL; the SDK then reports `UnauthorizedError`, and the
 * app's next request (or `connect`) carries the new token.
 *
 * @throws Never itself; `tokens()` and `redirectToAuthorization()` reject as {@link McpAuth.login}.
 * @example
 * ```ts
 * const transport = new StreamableHTTPClientTransport(new URL(mcp.serverUrl), { authProvider: createMcpOAuthProvider(mcp) })
 * await new Client({ name: 'mycli', version: '1.0.0' }).connect(transport)
 * ```
 */
export function createMcpOAuthProvider(mcp: McpAuth, options: McpOAuthProviderOptions = {}): OAuthClientProvider {
  let verifier = ''
  const metadata: OAuthClientMetadata = {
    client_name: '@auth/mcp',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...options.clientMetadata,
  }
  return {
    get redirectUrl() {
      return 'http://127.0.0.1/callback'
    },
    get clientMetadata() {
      return metadata
    },
    // The SDK's own registration is never needed: the session registers (and stores) its client.
    clientInformation: (): OAuthClientInformationMixed => ({ client_id: '@auth/mcp-session' }),
    saveClientInformation: () => {},
    tokens: async (): Promise<OAuthTokens> => ({ access_token: await mcp.getAccessToken(), token_type: 'Bearer' }),
    // The SDK exchanges no code and refreshes nothing here: whatever it would save is not ours to keep.
    saveTokens: () => {},
    redirectToAuthorization: async (authorizationUrl: URL) => {
      const scopes = splitScopes(authorizationUrl.searchParams.get('scope') ?? undefined)
      await mcp.login(scopes.length > 0 ? { scopes } : {})
    },
    saveCodeVerifier: (value: string) => {
      verifier = value
    },
    codeVerifier: () => verifier,
  }
}
