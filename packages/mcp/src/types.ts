/**
 * The public shapes of `@auth/mcp`: what {@link createMcpAuth} takes and returns, discovery's
 * results and the machine-grant plug-in. Types only; nothing here runs.
 */
import type { AuthLoginResult, AuthLogoutResult, AuthStatus, Credential, CredentialStore, Flow, LoginContext, Logger, RuntimeOptions, SessionCredential } from '@auth/core'
import type { DeviceFlowOptions } from '@auth/flow-device'
import type { PasteInput } from '@auth/flow-pkce'

/** One `WWW-Authenticate` challenge: the scheme (lower-cased) and its parameters (names lower-cased). */
export interface WwwAuthenticateChallenge {
  readonly scheme: string
  readonly params: Readonly<Record<string, string>>
}

/** RFC 9728 protected resource metadata, the fields used here checked. */
export interface ProtectedResourceMetadata {
  readonly resource: string
  readonly authorization_servers?: readonly string[]
  readonly scopes_supported?: readonly string[]
  readonly [field: string]: unknown
}

/** RFC 8414 authorization server metadata (openid-client's `ServerMetadata` shape), every URL guarded. */
export interface AuthorizationServerMetadata {
  readonly issuer: string
  readonly authorization_endpoint?: string
  readonly token_endpoint?: string
  readonly registration_endpoint?: string
  readonly device_authorization_endpoint?: string
  readonly revocation_endpoint?: string
  readonly scopes_supported?: readonly string[]
  readonly code_challenge_methods_supported?: readonly string[]
  readonly token_endpoint_auth_methods_supported?: readonly string[]
  readonly grant_types_supported?: readonly string[]
  readonly authorization_response_iss_parameter_supported?: boolean
  readonly client_id_metadata_document_supported?: boolean
  readonly [field: string]: unknown
}

/** What discovery found for one resource. */
export interface McpDiscovery {
  /** The canonical resource URI, sent as `resource` (RFC 8707) and the credential's key. */
  readonly resource: string
  /** RFC 9728 metadata; undefined for a 2025-03-26 server. */
  readonly resourceMetadata: ProtectedResourceMetadata | undefined
  readonly authorizationServer: AuthorizationServerMetadata
  /** The scopes to ask for: challenge > `scopes_supported` > none, `offline_access` when listed. */
  readonly scopes: readonly string[]
  /** Whether the 2025-03-26 fallbacks were used. */
  readonly legacy: boolean
}

/** A client known to an authorization server. */
export interface RegisteredClient {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret?: string | undefined
  readonly tokenEndpointAuthMethod: 'none' | 'client_secret_basic' | 'client_secret_post'
  readonly source: 'pre-registered' | 'metadata-document' | 'dynamic'
}

/** A pre-registered client (option, profile, flag). */
export interface PreRegisteredClient {
  clientId: string
  clientSecret?: string | undefined
  tokenEndpointAuthMethod?: 'none' | 'client_secret_basic' | 'client_secret_post' | undefined
}

/** What a machine grant gets to obtain a token (item 8). */
export interface McpGrantContext {
  /** Send as `resource` (RFC 8707). */
  readonly resource: string
  /** The chosen scopes; empty: send no `scope`. */
  readonly scopes: readonly string[]
  readonly authorizationServer: AuthorizationServerMetadata
  /** Bounded bodies, debug log, the call's signal. */
  readonly fetch: typeof globalThis.fetch
  readonly signal: AbortSignal | undefined
  readonly now: () => number
  readonly logger: Logger | undefined
}

/**
 * A machine grant (client credentials, private_key_jwt, cross-app access): `token` returns a
 * fresh credential (with `issuer`, `clientId`, `flow: kind`, `scopes`); it is called again
 * whenever the stored one expires.
 */
export interface McpGrant {
  readonly kind: string
  token(ctx: McpGrantContext): Promise<Credential>
}

/** Options of {@link createMcpAuth}. `name`, `serverUrl`, `dir` and `stores` are required. */
export interface McpAuthOptions extends RuntimeOptions {
  name: string
  serverUrl: string
  dir: string
  stores: readonly CredentialStore[]
  store?: string | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
  interactive?: boolean | undefined
  skewMs?: number | undefined
  lockTimeoutMs?: number | undefined
  context?: Pick<LoginContext, 'output' | 'prompter' | 'stdin'> | undefined
  /** createAuth's env token (`<PREFIX>_TOKEN`); default `false`: an MCP login never reads one unless asked. */
  envToken?: boolean | string | { variable?: string; host?: string } | undefined
  /** The product's own login command, named in "log in first" hints. */
  loginCommand?: string | undefined
  /** A pre-registered client: wins over the metadata document and dynamic registration. */
  client?: PreRegisteredClient | undefined
  /** The https URL of the product's Client ID Metadata Document. */
  clientMetadataUrl?: string | undefined
  /** `client_name` for dynamic registration; default `name`. */
  clientName?: string | undefined
  /** This issuer among the resource's `authorization_servers`; default the first. */
  authorizationServer?: string | undefined
  /** Exactly these scopes instead of the discovered choice. */
  scopes?: readonly string[] | undefined
  /** Issuers allowed to omit `code_challenge_methods_supported` (S256 is still used). */
  trustIssuersWithoutS256?: readonly string[] | undefined
  /** The authorization step, driven in process: gets the authorization URL itself. */
  open?: ((url: string) => Promise<unknown>) | undefined
  /** `false`: paste-back mode. */
  browser?: boolean | undefined
  /**
   * `createDeviceFlow` of `@auth/flow-device`: where no browser can open (no display, SSH) and
   * the server has a device endpoint, the login uses the device flow. Passed in, so a product
   * that does not want it never bundles it; default none (the browser flow prints the URL and
   * reads the redirect pasted back). `false` says the same as leaving it out.
   */
  device?: ((options: DeviceFlowOptions) => Flow) | false | undefined
  port?: number | undefined
  portRange?: readonly [number, number] | undefined
  timeoutMs?: number | undefined
  input?: PasteInput | null | undefined
  /** Re-authorizations per request on 403 `insufficient_scope`; default 1. */
  maxStepUps?: number | undefined
  /** A machine grant instead of the interactive login (item 8). */
  grant?: McpGrant | undefined
}

/** What {@link McpAuth.login} did. */
export interface McpLoginResult extends AuthLoginResult {
  discovery: McpDiscovery
  /** The client the login used, and how it was obtained (no secret); absent for a machine grant or a reused login. */
  client?: { clientId: string; source: RegisteredClient['source'] } | undefined
}

/** The MCP session of one server. */
export interface McpAuth {
  /** The canonical resource URI. */
  readonly serverUrl: string
  /**
   * Bearer `fetch`: 401 → discovery + login/refresh + one retry; 403 `insufficient_scope` →
   * step-up + one retry. The token goes only to the server URL's origin (other URLs are fetched
   * untouched); redirects are returned, not followed, unless `init.redirect` asks for it.
   */
  readonly fetch: typeof globalThis.fetch
  discover(options?: { challenge?: WwwAuthenticateChallenge | undefined }): Promise<McpDiscovery>
  login(options?: { scopes?: readonly string[] | undefined; signal?: AbortSignal | undefined }): Promise<McpLoginResult>
  getAccessToken(options?: { noLogin?: boolean; forceRefresh?: boolean }): Promise<string>
  stored(): Promise<SessionCredential | undefined>
  logout(options?: { revoke?: boolean; forgetClient?: boolean }): Promise<AuthLogoutResult>
  status(): Promise<AuthStatus>
}
