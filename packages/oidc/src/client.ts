import { AuthenticationError, CancelledError, ErrorCode, isLoopbackHost, type Credential, type LoginContext, type RefreshOptions } from '@auth/core'
import type { Configuration, ServerMetadata } from 'openid-client'
import { createServerMetadataCache } from './metadata-cache.js'
import { createCall, type ClientAuthFor, type FlowDefaults, type OidcCall, type OidcServer } from './call.js'
import { loginCredential, type LoginCredentialOptions, type TokenResponse } from './login-credential.js'
import { refreshCredential } from './refresh.js'
import { revokeCredential } from './revoke.js'

/** How to log in again with a flow, for hints: built by {@link flowHints}. */
export interface FlowHints {
  /** `` run `mycli auth login --device`[ again][tail] ``, or `log in[ again] with the device flow[tail]` without a product name. */
  login(again?: boolean, tail?: string): string
}

/** Options of {@link createOidcClient}: the flow's checked settings and how it speaks. */
export interface OidcClientOptions extends FlowDefaults {
  /** The package that speaks, in option errors: `@auth/flow-device`. */
  pkg: string
  /** The flow recorded in credentials: `device`. */
  kind: string
  /** The configured issuer (checked by the flow: https, or http on loopback / with `allowInsecure`). */
  issuer: URL
  clientId: string
  hints: FlowHints
  /** The message of the flow's CancelledError: `device login cancelled`. */
  cancelled: string
  /** A confidential client's authentication; absent: a public client. Its credentials renew only for `clientId`. */
  clientAuth?: ClientAuthFor | undefined
  /** More refresh-token grant parameters (RFC 8707 `resource`). */
  refreshParameters?: URLSearchParams | undefined
  /** Authorization server metadata discovered elsewhere (`@auth/mcp`): used for its issuer instead of OIDC discovery. */
  serverMetadata?: ServerMetadata | undefined
}

/** The OIDC side of one flow, built once from its settings. */
export interface OidcClient extends Readonly<Omit<OidcClientOptions, keyof FlowDefaults | 'cancelled' | 'serverMetadata'>> {
  /** One login, refresh or revocation: its run-time and server configurations. */
  call(ctx: LoginContext | undefined): OidcCall
  /** The flow's CancelledError. */
  cancelled(cause?: unknown): CancelledError
  /**
   * The server that renews or revokes `credential`: the issuer and client id it recorded at login,
   * else the configured ones. A plain `http://` issuer off loopback is used with a warning on
   * `call.output`.
   * @throws AuthenticationError `NOT_REFRESHABLE` for a recorded issuer that is not an http(s)
   *   URL, or (a confidential client) a recorded client id other than the configured one.
   */
  serverOf(credential: Credential, call: OidcCall, doing: 'renewing' | 'revoking'): OidcServer
  /** The refresh-token grant ({@link refreshCredential}). */
  refresh(credential: Credential, ctx: LoginContext | undefined, options?: RefreshOptions): Promise<Credential>
  /** RFC 7009 revocation of both tokens ({@link revokeCredential}). */
  revoke(credential: Credential, ctx: LoginContext | undefined): Promise<void>
  /** The credential of a fresh login ({@link loginCredential}). */
  loginCredential(tokens: TokenResponse, config: Configuration, call: OidcCall, options: LoginCredentialOptions): Promise<Credential>
}

/**
 * The hints of a flow: ``run `<name> <command>`[ again]`` when the product named itself, else
 * words that name no command (a package never names another product's command).
 * @throws Never.
 * @example
 * ```ts
 * flowHints('mycli', 'auth login --device', 'the device flow').login(true) // "run `mycli auth login --device` again"
 * flowHints('mycli', 'auth login --device', 'the device flow', 'mycli login').login() // "run `mycli login`" (the product's own command)
 * ```
 */
export function flowHints(name: string | undefined, command: string, flow: string, loginCommand?: string): FlowHints {
  const run = loginCommand ?? (name === undefined ? undefined : `${name} ${command}`)
  return {
    login: (again = false, tail = '') => (run === undefined ? `log in${again ? ' again' : ''} with ${flow}${tail}` : `run \`${run}\`${again ? ' again' : ''}${tail}`),
  }
}

/**
 * The OIDC client of a flow: discovery once per server (concurrent calls join it), a
 * `Configuration` per call, and the flow's `refresh` and `revoke` for ANY credential of its kind,
 * at the issuer and client the credential recorded (so a session renews what it stored with the
 * flows the product configured). The flow keeps its options check and its grant.
 *
 * @throws Never itself; see {@link OidcClient}'s methods.
 * @example
 * ```ts
 * const oidc = createOidcClient({ pkg: '@auth/flow-x', kind: 'x', issuer, clientId, cancelled: 'x login cancelled',
 *   hints: flowHints(settings.name, 'auth login --x', 'the x flow') })
 * const flow: Flow = { kind: 'x', login: (ctx) => login(oidc, ctx), refresh: oidc.refresh, revoke: oidc.revoke }
 * ```
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html
 */
export function createOidcClient(options: OidcClientOptions): OidcClient {
  const { fetch, logger, signal, now, cancelled: message, pkg, kind, issuer, clientId, hints, clientAuth, refreshParameters, serverMetadata } = options
  const metadata = createServerMetadataCache<ServerMetadata>()
  const cancelled = (cause?: unknown) => new CancelledError(message, cause === undefined ? {} : { cause })
  const server: OidcServer = { issuer, clientId }
  const client: OidcClient = {
    pkg,
    kind,
    issuer,
    clientId,
    hints,
    clientAuth,
    refreshParameters,
    call: (ctx) => createCall(ctx, { fetch, logger, signal, now, server, metadata, cancelled, clientAuth, serverMetadata }),
    cancelled,
    serverOf: (credential, call, doing) => serverOf(client, credential, call, doing),
    refresh: (credential, ctx, refreshOptions) => refreshCredential(client, client.call(ctx), credential, refreshOptions),
    revoke: (credential, ctx) => revokeCredential(client, client.call(ctx), credential),
    loginCredential: (tokens, config, call, loginOptions) => loginCredential(tokens, config, call, { kind, ...loginOptions }),
  }
  return Object.freeze(client)
}

function serverOf(client: OidcClient, credential: Credential, call: OidcCall, doing: string): OidcServer {
  const notRefreshable = (message: string) => new AuthenticationError(message, { code: ErrorCode.NOT_REFRESHABLE, hint: client.hints.login() })
  const recorded = typeof credential?.issuer === 'string' && credential.issuer !== '' ? credential.issuer : undefined
  const issuer = recorded === undefined ? client.issuer : URL.canParse(recorded) ? new URL(recorded) : undefined
  if (issuer === undefined || (issuer.protocol !== 'https:' && issuer.protocol !== 'http:')) throw notRefreshable('the credential records an issuer that is not an http(s) URL')
  const clientId = typeof credential?.clientId === 'string' && credential.clientId !== '' ? credential.clientId : client.clientId
  if (client.clientAuth !== undefined && clientId !== client.clientId) {
    throw notRefreshable(`the credential was issued to client ${clientId}, not to ${client.clientId} whose secret this flow holds`)
  }
  // A confidential client's secret goes only to the issuer it was configured for, never to one a credential names.
  if (client.clientAuth !== undefined && sameIssuer(issuer, client.issuer) === false) {
    throw notRefreshable(`the credential was issued by ${issuer.origin}, not by ${client.issuer.origin} where this flow's client secret belongs`)
  }
  if (issuer.protocol === 'http:' && !isLoopbackHost(issuer.hostname)) call.output?.warn(`${doing} the token over plain http at ${recorded ?? issuer.href}`)
  return { issuer, clientId }
}

function sameIssuer(a: URL, b: URL): boolean {
  return a.href.replace(/\/+$/, '') === b.href.replace(/\/+$/, '')
}
