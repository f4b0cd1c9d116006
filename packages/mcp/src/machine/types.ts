import type { SecretSource } from '@auth/flow-client-credentials'

export type { SecretSource }

/**
 * Where a private key (PEM, or a JWK as JSON) or another multi-line secret comes from. Read when
 * a token is requested, never stored. Exactly one key:
 * - `{ env: 'MYCLI_PRIVATE_KEY' }`: an environment variable holding the PEM or the JWK JSON.
 * - `{ file: '/run/secrets/key.pem' }`: a file, refused unless only its owner can access it (`chmod 600`).
 * - `{ value, label }`: the key already in hand; `label` names it in messages.
 *
 * @example
 * ```ts
 * const key: KeySource = { file: '/run/secrets/mcp-client.pem' }
 * ```
 */
export type KeySource = { env: string } | { file: string } | { value: string; label: string }

/**
 * Where a single-line token (a user's ID token or SAML assertion) comes from: an env var, a
 * 0600 file, a value in hand, or a function the product supplies (its own OIDC login, say),
 * called whenever a fresh one is needed.
 */
export type TokenSource = KeySource | (() => Promise<string>)

/** How a confidential client authenticates at a token endpoint. */
export type MachineAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt'

/**
 * A confidential client: its id and either a secret or a private key.
 *
 * @example
 * ```ts
 * const client: MachineClient = { clientId: 'ci-bot', clientSecret: { env: 'MYCLI_CLIENT_SECRET' } }
 * const keyed: MachineClient = { clientId: 'ci-bot', privateKey: { file: 'key.pem' }, signingAlgorithm: 'ES256' }
 * ```
 */
export interface MachineClient {
  /** The client id registered at the authorization server. */
  clientId: string
  /** The client secret (`client_secret_basic` / `client_secret_post`). */
  clientSecret?: SecretSource | undefined
  /** The private key (PEM: PKCS#8, PKCS#1 or SEC1; or a private JWK) for `private_key_jwt`. */
  privateKey?: KeySource | undefined
  /** The `kid` put in the assertion header; default the JWK's `kid`, else none. */
  keyId?: string | undefined
  /**
   * The JWS algorithm of the assertion (`ES256`, `RS256`, `PS256`, `EdDSA`, ...); default the
   * key's natural one. Refused when the server lists `token_endpoint_auth_signing_alg_values_supported` without it.
   */
  signingAlgorithm?: string | undefined
  /**
   * Default: `private_key_jwt` with a key; else `client_secret_basic` when the server lists it
   * (or lists nothing), else `client_secret_post`.
   */
  authMethod?: MachineAuthMethod | undefined
}

/** Options of {@link createClientCredentialsGrant}. */
export interface ClientCredentialsGrantOptions extends MachineClient {
  /** The environment `{ env }` sources read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined
}

/** The enterprise identity provider of {@link createCrossAppAccessGrant}. */
export interface EnterpriseIdp extends MachineClient {
  /** The IdP's token endpoint (RFC 8693 token exchange); or give `issuer` to discover it. */
  tokenEndpoint?: string | undefined
  /** The IdP's issuer; its metadata is fetched when `tokenEndpoint` is not given. */
  issuer?: string | undefined
  /** The client id this product has at the IdP. */
  clientId: string
  /** Its secret at the IdP; none: a public client (`client_id` in the body). */
  clientSecret?: SecretSource | undefined
  /** Its private key at the IdP (`private_key_jwt`). */
  privateKey?: KeySource | undefined
}

/** The RFC 8693 token types a user's identity assertion may have. */
export type SubjectTokenType = 'urn:ietf:params:oauth:token-type:id_token' | 'urn:ietf:params:oauth:token-type:saml2'

/** Options of {@link createCrossAppAccessGrant}. */
export interface CrossAppAccessGrantOptions {
  /** The enterprise IdP that issues the ID-JAG. */
  idp: EnterpriseIdp
  /** The user's identity assertion at the IdP: an ID token (default) or a SAML 2.0 assertion. */
  subjectToken: TokenSource
  /** Default `urn:ietf:params:oauth:token-type:id_token`. */
  subjectTokenType?: SubjectTokenType | undefined
  /** This product's client at the MCP server's authorization server (the JWT bearer grant). */
  client: MachineClient
  /** The environment `{ env }` sources read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined
}
