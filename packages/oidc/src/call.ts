import { toAuthError, type LoginContext, type Logger, type Output } from '@auth/core'
import { createFlowFetch, isLogger } from '@auth/core/kit'
import type { ServerMetadataCache } from './metadata-cache.js'
import { forgetMetadataFile, readMetadataFile, writeMetadataFile } from './metadata-file.js'
import { Configuration, None, allowInsecureRequests, customFetch, discovery, type ClientAuth, type CustomFetch, type ServerMetadata } from 'openid-client'

/** What one login, refresh or revocation of a flow runs with. */
export interface FlowRuntime {
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  /** The login context's signal and the factory's, combined (either aborts the call). */
  readonly signal: AbortSignal | undefined
  /** The wall clock, epoch ms. */
  readonly now: () => number
}

/** The escape hatches a flow factory was given (`fetch`, `logger`, `signal`, `now`), checked. */
export interface FlowDefaults {
  fetch?: typeof globalThis.fetch | undefined
  logger?: Logger | undefined
  signal?: AbortSignal | undefined
  now?: (() => number) | undefined
}

/** The authorization server and the client a call talks to. */
export interface OidcServer {
  readonly issuer: URL
  readonly clientId: string
}

/** How a confidential client authenticates at `server` (openid-client's `ClientSecretBasic(...)`, ...). */
export type ClientAuthFor = (server: ServerMetadata) => ClientAuth | Promise<ClientAuth>

/** One call of a flow: its run-time, its cancellation, and the server configuration bound to it. */
export interface OidcCall {
  readonly runtime: FlowRuntime
  /** The login context's output (warnings go there), when it has one. */
  readonly output: Output | undefined
  /** Runs `fn` with the flow's cancellation: {@link whileNotAborted} on this call's signal. */
  guard<T>(fn: () => Promise<T>): Promise<T>
  /**
   * openid-client's `Configuration` of `server` (default the flow's), bound to this call's fetch
   * and signal; discovery runs once per server and client (the flow's cache), plain `http://`
   * is allowed only for an `http://` issuer. `clientAuth` defaults to the flow's (a public client: none).
   */
  configuration(server?: OidcServer, clientAuth?: ClientAuthFor): Promise<Configuration>
}

/** What {@link createCall} needs of the flow. */
export interface CallSettings extends FlowDefaults {
  server: OidcServer
  metadata: ServerMetadataCache<ServerMetadata>
  cancelled: (cause: unknown) => Error
  clientAuth?: ClientAuthFor | undefined
  /** Authorization server metadata discovered elsewhere (RFC 8414, the MCP order): used for its issuer instead of discovery. */
  serverMetadata?: ServerMetadata | undefined
}

/**
 * The run-time of one flow call: the login context's `fetch`, `logger` and `now` win over the
 * factory's; the context's `signal` and the factory's both count (`AbortSignal.any`). A context
 * field of the wrong type is ignored, so a caller's plain object never breaks a call.
 *
 * @throws Never.
 * @example
 * ```ts
 * const runtime = flowRuntime(ctx, { fetch: settings.fetch, now: settings.now })
 * ```
 */
export function flowRuntime(ctx: LoginContext | undefined, defaults: FlowDefaults): FlowRuntime {
  const c: LoginContext = typeof ctx === 'object' && ctx !== null ? ctx : {}
  const signals = [c.signal instanceof AbortSignal ? c.signal : undefined, defaults.signal].filter((s): s is AbortSignal => s !== undefined)
  return {
    fetch: typeof c.fetch === 'function' ? c.fetch : defaults.fetch,
    logger: isLogger(c.logger) ? c.logger : defaults.logger,
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    now: typeof c.now === 'function' ? c.now : (defaults.now ?? Date.now),
  }
}

/**
 * Runs `fn` unless `signal` has aborted; whatever `fn` throws once the signal has aborted becomes
 * `cancelled(cause)` (the flow's CancelledError), whatever a library made of the abort.
 *
 * @throws What `cancelled` returns (CancelledError `CANCELLED`, exit 130) after an abort; else what `fn` throws.
 * @example
 * ```ts
 * const tokens = await whileNotAborted(() => refreshTokenGrant(config, token), signal, (cause) => new CancelledError('login cancelled', { cause }))
 * ```
 */
export async function whileNotAborted<T>(fn: () => Promise<T>, signal: AbortSignal | undefined, cancelled: (cause: unknown) => Error): Promise<T> {
  if (signal?.aborted) throw cancelled(signal.reason)
  try {
    return await fn()
  } catch (error) {
    if (signal?.aborted) throw cancelled(error)
    throw error
  }
}

/**
 * One call of a flow ({@link OidcCall}): its run-time, its guard, and its server configurations.
 * Every request goes through core's flow fetch (debug log without queries, the call's signal, a
 * 1 MiB body cap), so concurrent calls never share a signal.
 *
 * @throws Never itself; `configuration` rejects with `toAuthError`'s mapping of a failed discovery
 *   (`NETWORK_ERROR`, `BAD_RESPONSE`, ...) or the flow's CancelledError.
 * @example
 * ```ts
 * const call = createCall(ctx, { server, metadata: createServerMetadataCache(), cancelled })
 * const config = await call.configuration()
 * ```
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export function createCall(ctx: LoginContext | undefined, settings: CallSettings): OidcCall {
  const runtime = flowRuntime(ctx, settings)
  // The product's private folder, where discovered metadata is kept between processes (metadata-file.ts).
  const dir = typeof ctx?.dir === 'string' && ctx.dir !== '' ? ctx.dir : undefined
  const kept = new Set<OidcServer>() // servers whose kept metadata this call used
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await whileNotAborted(fn, runtime.signal, settings.cancelled)
    } catch (error) {
      // A call that used kept metadata failed: the server may have moved an endpoint; the next call asks it again.
      if (dir !== undefined) for (const server of kept) await forgetMetadataFile(dir, server)
      throw error
    }
  }
  const fetch = createFlowFetch({ fetch: runtime.fetch, logger: runtime.logger, signal: runtime.signal }) as CustomFetch
  const output = ctx?.output
  const discoverOrRead = async (server: OidcServer): Promise<ServerMetadata> => {
    if (dir === undefined) return discover(server, fetch)
    const stored = await readMetadataFile(dir, server, runtime.now())
    if (stored !== undefined) {
      kept.add(server)
      runtime.logger?.debug(`using the metadata of ${server.issuer.origin} discovered earlier (kept in ${dir})`)
      return stored
    }
    const metadata = await discover(server, fetch)
    await writeMetadataFile(dir, server, metadata, runtime.now())
    return metadata
  }
  return {
    runtime,
    output: typeof output === 'object' && output !== null && typeof output.warn === 'function' ? output : undefined,
    guard,
    configuration: (server = settings.server, clientAuth = settings.clientAuth) =>
      guard(async () => {
        const known = settings.serverMetadata
        const metadata = known !== undefined && sameIssuer(known.issuer, server.issuer.href) ? known : await settings.metadata(server, () => discoverOrRead(server))
        const config = new Configuration(metadata, server.clientId, undefined, clientAuth === undefined ? None() : await clientAuth(metadata))
        config[customFetch] = fetch
        if (server.issuer.protocol === 'http:') allowInsecureRequests(config)
        return config
      }),
  }
}

function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '')
}

async function discover(server: OidcServer, fetch: CustomFetch): Promise<ServerMetadata> {
  try {
    const execute = server.issuer.protocol === 'http:' ? [allowInsecureRequests] : []
    const config = await discovery(server.issuer, server.clientId, undefined, None(), { [customFetch]: fetch, execute })
    return config.serverMetadata()
  } catch (error) {
    throw toAuthError(error, { operation: 'discovery', host: server.issuer.host })
  }
}
