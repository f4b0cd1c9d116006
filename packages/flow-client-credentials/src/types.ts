import type { Logger } from '@auth/core'

/** How the client authenticates at the token endpoint. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt'

/**
 * Where the client's secret comes from. It is read when a token is requested (login and every
 * renewal), never stored in the config file nor in the credential store. Exactly one key:
 *
 * - `{ env: 'MYCLI_CLIENT_SECRET' }`: an environment variable (the product names it; there is no
 *   default).
 * - `{ file: '/run/secrets/client' }`: a file holding the secret alone; refused when group or others have any access to it (`chmod 600`).
 * - `{ privateKeyFile: 'key.pem', kid? }`: a PEM private key (PKCS#8, PKCS#1 or SEC1; RSA, EC
 *   P-256/384/521 or Ed25519) for `private_key_jwt`, with the same permission rule; `kid` is
 *   put in the assertion header when the server needs it.
 * - `{ value, label }`: a secret already in hand (a prompt); `label` names it in messages.
 * - `{ command, timeoutMs? }`: a secrets manager's CLI, run without a shell (`command` is the
 *   argv: program, then arguments), stdin closed, environment inherited; its stdout, trimmed, is
 *   the secret (one line). It fails (exit 4) when the program is missing, exits non-zero (its
 *   stderr shown terminal-safe and redacted), prints more than 64 KiB, or takes longer than
 *   `timeoutMs` (default 30 000; then it is killed). E.g. `['az', 'keyvault', 'secret', 'show',
 *   '--vault-name', V, '--name', N, '--query', 'value', '-o', 'tsv']`, `['vault', 'kv', 'get',
 *   '-field=secret', 'secret/ci']`, `['op', 'read', 'op://ci/bot/secret']`,
 *   `['secret-tool', 'lookup', 'service', 'mycli']`. Never put the secret itself in the argv.
 *
 * @example
 * ```ts
 * const secret: SecretSource = { env: 'MYCLI_CLIENT_SECRET' }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1 (client password)
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-2.2 (JWT client authentication)
 */
export type SecretSource =
  | { env: string }
  | { file: string }
  | { privateKeyFile: string; kid?: string | undefined }
  | { value: string; label: string }
  | { command: readonly string[]; timeoutMs?: number | undefined }

/** Options of {@link resolveClientSecret}. */
export interface ResolveClientSecretOptions {
  /** The environment to read `{ env }` sources from, and the one a `{ command }` runs with; default `process.env`. */
  env?: Record<string, string | undefined> | undefined
}

/**
 * Options of {@link createClientCredentialsFlow}. An optional field set to `undefined` counts as absent.
 *
 * @example
 * ```ts
 * const options: ClientCredentialsFlowOptions = {
 *   issuer: 'https://login.example.com', clientId: 'ci-bot', secret: { env: 'MYCLI_CLIENT_SECRET' }, scopes: ['api:read'],
 * }
 * ```
 */
export interface ClientCredentialsFlowOptions {
  /** The authorization server's issuer URL; its `/.well-known/openid-configuration` is fetched. */
  issuer: string
  /** The OAuth client id registered for this client. */
  clientId: string
  /** Where the secret or private key comes from. */
  secret: SecretSource
  /**
   * How the client authenticates. Default: `private_key_jwt` for a `privateKeyFile` source;
   * else `client_secret_basic` when the server lists it in `token_endpoint_auth_methods_supported`
   * (or lists nothing), else `client_secret_post`.
   */
  authMethod?: ClientAuthMethod | undefined
  /** The scopes to request (`scope`); the server's default when absent. */
  scopes?: readonly string[] | undefined
  /** An `audience` parameter (Auth0 and others). */
  audience?: string | undefined
  /** RFC 8707 `resource` indicators: absolute URIs without a fragment. */
  resource?: string | readonly string[] | undefined
  /** Allow a plain `http://` issuer that is not loopback (a test server). Default `false`. */
  allowInsecure?: boolean | undefined
  /** The environment `{ env }` sources read; default `process.env`. */
  env?: Record<string, string | undefined> | undefined
  /** The product's command, named in hints: ``run `<name> auth login --client-credentials` ``. Default none. */
  name?: string | undefined
  /**
   * The product's own command that logs in with this flow, named in hints instead of
   * `<name> auth login --client-credentials` (``run `mycli login --device` again``).
   */
  loginCommand?: string | undefined
  /** The fetch to use; default the global one (`ctx.fetch` wins). */
  fetch?: typeof globalThis.fetch | undefined
  /** Where to log requests (`POST url -> status`, secrets masked); default nothing (`ctx.logger` wins). */
  logger?: Logger | undefined
  /** Aborts every call of the flow (as well as `ctx.signal`). */
  signal?: AbortSignal | undefined
  /** The clock, epoch ms; default `Date.now` (`ctx.now` wins). */
  now?: (() => number) | undefined
}
