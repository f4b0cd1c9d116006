import type { JsonWebKey } from 'node:crypto'
import { createServer, type RequestListener } from 'node:http'
import type { Provider } from 'oidc-provider'
import { authorize } from './_authorize.js'
import { createClientSet, type ClientSet } from './_clients.js'
import { enableCrossAppAccess } from './_cross-app-access.js'
import { Counters } from './_counters.js'
import { approveDevice, denyDevice } from './_device.js'
import { closeServer, HOST, listen } from './_http-server.js'
import { loadOidcProvider } from './_load-oidc-provider.js'
import { MemoryStore } from './_memory-store.js'
import { collectNotices } from './_notices.js'
import { resolveOptions, type Settings } from './_options.js'
import { PasswordSessions } from './_password-sessions.js'
import { PatStore } from './_pats.js'
import { providerConfig } from './_provider-config.js'
import { announceDeviceInterval, countRequests, stripWebFont } from './_provider-middleware.js'
import { createRequestHandler } from './_request-handler.js'
import { revokeGrant } from './_revoke-grant.js'
import { createInteractionPolicy } from './_grant-policy.js'
import { signingKey } from './_signing-key.js'
import { tamperMiddleware } from './_tamper.js'
import type { DevServer, DevServerOptions } from './types.js'

type OidcProviderModule = typeof import('oidc-provider')

/** Everything one running server holds. */
interface Parts {
  readonly issuer: string
  readonly port: number
  readonly provider: Provider
  readonly store: MemoryStore
  readonly pats: PatStore
  readonly sessions: PasswordSessions
  readonly counters: Counters
  readonly clientSet: ClientSet
  readonly warnings: string[]
}

/**
 * Starts a real OAuth 2.0 / OpenID Connect authorization server (oidc-provider) on
 * 127.0.0.1, with the dev clients, a small API (`/api/v1/profile`, `/api/v1/echo`) and
 * dev routes (`/_dev/*`) on the same port.
 *
 * @param options - Port and token lifetimes; every field is optional.
 * @returns The running server; call `close()` when done.
 * @throws TypeError naming the option when an option is out of range; the listen error
 *   (`EADDRINUSE`, ...) when the port cannot be bound.
 * @example
 * ```ts
 * const server = await startDevServer({ port: 0, deviceInterval: 0.05 })
 * const pat = server.mintPat({ login: 'alice', scopes: ['api:read'] })
 * await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${pat}` } })
 * await server.close()
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8252 (native apps), RFC 8628 (device grant)
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const settings = resolveOptions(options)
  const warnings: string[] = []
  const stopNotices = collectNotices(warnings)
  let listener: RequestListener = (_req, res) => res.writeHead(503).end()
  const server = createServer((req, res) => listener(req, res))
  try {
    const [module, key, port] = await Promise.all([loadOidcProvider(warnings), signingKey(), listen(server, settings.port)])
    const issuer = `http://${HOST}:${port}`
    const store = new MemoryStore()
    const clientSet = createClientSet(settings.clientSecret, resourceScopes(settings), settings.crossAppAccess !== undefined)
    const provider = createProvider(module, issuer, { clients: clientSet.metadata, signingKey: key, store, settings })
    const parts: Parts = { issuer, port, provider, store, pats: new PatStore(), sessions: new PasswordSessions(settings.lifetimes.accessToken), counters: new Counters(), clientSet, warnings }
    listener = mount(parts, settings)
    return devServer(parts, async () => {
      await closeServer(server)
      stopNotices()
    })
  } catch (error) {
    await closeServer(server)
    stopNotices()
    throw error
  }
}

/** The oidc-provider instance with the dev server's configuration. */
function createProvider(module: OidcProviderModule, issuer: string, input: { clients: Record<string, unknown>[]; signingKey: JsonWebKey; store: MemoryStore; settings: Settings }): Provider {
  const configuration = providerConfig({
    clients: input.clients,
    signingKey: input.signingKey,
    store: input.store,
    lifetimes: input.settings.lifetimes,
    clockTolerance: input.settings.clockTolerance,
    interactionPolicy: createInteractionPolicy(module.interactionPolicy.base),
    resourceServers: input.settings.resourceServers,
    registration: input.settings.registration,
    InvalidTarget: module.errors.InvalidTarget,
  })
  const provider = new module.Provider(issuer, configuration)
  const { crossAppAccess, resourceServers } = input.settings
  if (crossAppAccess !== undefined) {
    enableCrossAppAccess(provider, {
      issuer,
      signingKey: input.signingKey,
      resourceServers,
      clientIdAtAudience: crossAppAccess.clientIdAtAudience,
      trustedIssuers: crossAppAccess.trustedIssuers,
      errors: module.errors,
    })
  }
  return provider
}

/** Wires oidc-provider's middleware and the request handler. */
function mount(parts: Parts, settings: Settings): RequestListener {
  const { provider, counters } = parts
  provider.use(countRequests(counters))
  provider.use(stripWebFont())
  for (const middleware of tamperMiddleware(settings.tamper)) provider.use(middleware)
  if (settings.deviceInterval !== undefined) provider.use(announceDeviceInterval(settings.deviceInterval))
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('@auth/dev-server: server_error', error))
  return createRequestHandler(provider, parts.issuer, {
    ...parts,
    approveDevice: (userCode, opts) => approveDevice(provider, userCode, opts),
    denyDevice: (userCode) => denyDevice(provider, userCode),
  })
}

/** Every scope of the resource servers, once each. */
function resourceScopes(settings: Settings): string[] {
  return [...new Set(settings.resourceServers.flatMap((server) => server.scopes))]
}

/** The public face of a running server. */
function devServer(parts: Parts, close: () => Promise<void>): DevServer {
  const { provider, pats, counters } = parts
  let closing: Promise<void> | undefined
  return {
    issuer: parts.issuer,
    port: parts.port,
    clients: parts.clientSet.clients,
    warnings: parts.warnings,
    mintPat: (options) => pats.mint(options),
    revokePat: (token) => pats.revoke(token),
    setPassword: (login, password) => parts.sessions.setPassword(login, password),
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    approveDevice: (userCode, options) => approveDevice(provider, userCode, options),
    denyDevice: (userCode) => denyDevice(provider, userCode),
    authorize: (url, options) => authorize(parts.issuer, url, options),
    revokeGrant: (token) => revokeGrant(provider, parts.store, token),
    close: () => (closing ??= close()),
  }
}
