import type { JsonWebKey } from 'node:crypto'

/** Options of {@link startDevServer}. Every field is optional. */
export interface DevServerOptions {
  /** TCP port on 127.0.0.1; `0` picks a free one. Default `0`. */
  port?: number
  /** Lifetime in seconds of access tokens (code, device and client-credentials grants). Default `3600`. */
  accessTokenTtl?: number
  /**
   * Lifetime in seconds of access tokens issued by the `refresh_token` grant.
   * Default: `accessTokenTtl`. Lets a test start with a short-lived token and refresh to a long one.
   */
  refreshedAccessTokenTtl?: number
  /** Lifetime in seconds of refresh tokens. Default 14 days. */
  refreshTokenTtl?: number
  /** Lifetime in seconds of device codes. Default `600`. */
  deviceCodeTtl?: number
  /**
   * Seconds to announce as `interval` in the device authorization response (oidc-provider
   * omits it, and clients then wait 5 s per poll). Any positive number; tests use fractions.
   */
  deviceInterval?: number
  /** Seconds of clock skew the server tolerates on expiry checks. Default `0`. */
  clockTolerance?: number
  /** The secret of the confidential clients. Default: random per start. */
  clientSecret?: string
  /**
   * Protected resources (RFC 8707 resource indicators) the server issues tokens for. A request
   * with `resource` = one of these gets a JWT access token (`typ: at+jwt`) whose `aud` is that
   * resource and whose `scope` keeps only the resource's scopes; any other `resource` is
   * `invalid_target`. The confidential dev clients may ask for these scopes too. Default: none.
   */
  resourceServers?: readonly ResourceServerOptions[]
  /**
   * Open dynamic client registration (RFC 7591) at `/reg`, no initial access token: native
   * public clients with loopback redirect URIs, as MCP clients register. Default `false`.
   */
  registration?: boolean
  /** Deliberate misbehaviour, so that clients' refusals can be tested over real HTTP. */
  tamper?: TamperOptions
  /**
   * Enterprise-managed authorization (MCP cross-app access, SEP-990), this server playing both
   * the enterprise IdP and the MCP server's authorization server: RFC 8693 token exchange of one
   * of its ID tokens (`subject_token_type` id_token, `requested_token_type` id-jag) for an ID-JAG
   * (`typ: oauth-id-jag+jwt`, signed like its ID tokens, `client_id` = `clientIdAtAudience`), and
   * the RFC 7523 JWT bearer grant of such an ID-JAG for a JWT access token bound to one of
   * `resourceServers`. The native client may exchange; the confidential clients may present.
   * `true` or `{ clientIdAtAudience, trustedIssuers }` (default `authcli-confidential`; the
   * issuers of other dev servers whose ID-JAGs are accepted too, keys from `<issuer>/jwks`). Default off.
   */
  crossAppAccess?: boolean | { clientIdAtAudience?: string; trustedIssuers?: readonly string[] }
}

/** A protected resource the dev server issues audience-bound JWT access tokens for. */
export interface ResourceServerOptions {
  /** The resource indicator, an absolute URL without fragment (e.g. `http://127.0.0.1:PORT/mcp`); matched exactly. */
  resource: string
  /** The scopes the resource knows (e.g. `mcp:read mcp:write`). */
  scopes: readonly string[]
}

/** How the dev server lies (for tests of a client's checks). */
export interface TamperOptions {
  /**
   * Rewrites the redirect of a successful authorization: `iss` = another issuer
   * (`wrong-iss`), `iss` removed (`no-iss`), or `state` changed (`wrong-state`). The `code`
   * stays valid, so a client that does not check would redeem it.
   */
  authorizationResponse?: 'wrong-iss' | 'no-iss' | 'wrong-state'
  /** Fields merged over the discovery document (`/.well-known/openid-configuration`), e.g. a hostile `authorization_endpoint`. */
  metadata?: Readonly<Record<string, unknown>>
}

/** The public native client: PKCE code flow, device flow, refresh tokens. */
export interface NativeClientInfo {
  readonly clientId: string
  readonly redirectUris: readonly string[]
  readonly scopes: readonly string[]
}

/** A confidential client that authenticates with a shared secret. */
export interface SecretClientInfo {
  readonly clientId: string
  readonly clientSecret: string
  readonly authMethod: 'client_secret_basic' | 'client_secret_post'
  readonly scopes: readonly string[]
}

/** A confidential client that authenticates with `private_key_jwt`. */
export interface JwtClientInfo {
  readonly clientId: string
  readonly authMethod: 'private_key_jwt'
  /** The signing algorithm of the key (`ES256`). */
  readonly alg: string
  /** The key id registered in the client's `jwks`. */
  readonly kid: string
  /** The private key, PKCS#8 PEM. */
  readonly privateKeyPem: string
  /** The private key as a JWK (with `kid` and `alg`), for `crypto.subtle.importKey('jwk', ...)`. */
  readonly privateJwk: Readonly<JsonWebKey>
  readonly scopes: readonly string[]
}

/** The clients registered at start. */
export interface DevClients {
  /** `authcli`: public native client (`token_endpoint_auth_method: none`). */
  readonly native: NativeClientInfo
  /** `authcli-confidential`: client credentials with `client_secret_basic`. */
  readonly confidential: SecretClientInfo
  /** `authcli-post`: client credentials with `client_secret_post`. */
  readonly post: SecretClientInfo
  /** `authcli-jwt`: client credentials with `private_key_jwt`. */
  readonly jwt: JwtClientInfo
}

/** Input of {@link DevServer.mintPat}. */
export interface MintPatOptions {
  login: string
  /** Scopes of the token; an empty list gives a token that every API route answers with 403. */
  scopes: readonly string[]
  name?: string
  email?: string
  /** Lifetime in seconds; default: never expires. */
  expiresIn?: number
}

/** Options of {@link DevServer.authorize}. */
export interface AuthorizeOptions {
  /** The login typed on the sign-in page. Default `alice`. */
  login?: string
  /** Cancel at the first page instead of signing in: the redirect then carries `error=access_denied`. */
  deny?: boolean
}

/** Options of {@link DevServer.approveDevice}. */
export interface ApproveDeviceOptions {
  /** The login that approves. Default `alice`. */
  login?: string
}

/** A running dev server. */
export interface DevServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly issuer: string
  readonly port: number
  readonly clients: DevClients
  /** oidc-provider's start-up notices ("unsupported runtime", ...), collected instead of printed. */
  readonly warnings: readonly string[]
  /**
   * Mints a personal access token (`dvp_` + 32 base62 characters).
   * @throws TypeError on a malformed login (1-64 of `[A-Za-z0-9_.@+-]`), scopes, name, email or lifetime.
   */
  mintPat(options: MintPatOptions): string
  /**
   * Sets the password of `login` at the product login endpoint `POST /api/v1/session`
   * (`{ username, password }` → `{ token, token_type, expires_in }`: an HS256 JWT that `/api/*`
   * accepts, living `accessTokenTtl` seconds).
   * @throws TypeError on a malformed login or an empty password.
   */
  setPassword(login: string, password: string): void
  /** Forgets a personal access token; `true` if it existed. */
  revokePat(token: string): boolean
  /** Request counts: token requests per `grant_type`, and per endpoint (see README). */
  counters(): Record<string, number>
  resetCounters(): void
  /**
   * Approves a pending device authorization as if the user had entered the code and signed in.
   * @throws Error when no pending authorization has this user code (unknown, expired or answered).
   */
  approveDevice(userCode: string, options?: ApproveDeviceOptions): Promise<void>
  /**
   * Denies a pending device authorization: the next poll gets `access_denied`.
   * @throws Error when no pending authorization has this user code.
   */
  denyDevice(userCode: string): Promise<void>
  /**
   * Plays the user's browser over plain HTTP: follows the authorization URL through the sign-in
   * and consent pages and returns the final redirect URL (to the client's `redirect_uri`, with
   * `code`, `state`, `iss`, or `error`), without calling it.
   * @throws Error when the server shows an error page instead (e.g. an unregistered redirect URI).
   */
  authorize(authorizationUrl: string, options?: AuthorizeOptions): Promise<string>
  /** Revokes the grant behind an access or refresh token (every token of it); `true` if found. */
  revokeGrant(token: string): Promise<boolean>
  /** Stops listening and closes every socket. */
  close(): Promise<void>
}
