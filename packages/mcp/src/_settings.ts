// McpAuthOptions checked at the boundary and completed with defaults. Internal.
import { registerSecret, type CredentialStore, type Flow, type LoginContext, type Logger } from '@auth/core'
import type { DeviceFlowOptions } from '@auth/flow-device'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import type { PasteInput } from '@auth/flow-pkce'
import { canonicalResource } from './discovery/discover.js'
import { assertSafeUrl } from './discovery/safe-url.js'
import type { McpAuthOptions, McpGrant, PreRegisteredClient } from './types.js'

export interface Settings {
  readonly name: string
  readonly server: URL
  /** The canonical server URL: the credential's `host`. */
  readonly serverKey: string
  readonly dir: string
  readonly stores: readonly CredentialStore[]
  readonly store: string
  readonly env: Readonly<Record<string, string | undefined>> | undefined
  readonly envToken: McpAuthOptions['envToken']
  readonly skewMs: number | undefined
  readonly lockTimeoutMs: number | undefined
  readonly context: Pick<LoginContext, 'output' | 'prompter' | 'stdin'> | undefined
  readonly client: PreRegisteredClient | undefined
  readonly clientMetadataUrl: string | undefined
  readonly clientName: string
  readonly authorizationServer: string | undefined
  readonly scopes: readonly string[] | undefined
  readonly trustIssuersWithoutS256: ReadonlySet<string>
  readonly open: McpAuthOptions['open']
  readonly browser: boolean
  readonly device: ((options: DeviceFlowOptions) => Flow) | undefined
  readonly port: number | undefined
  readonly portRange: readonly [number, number] | undefined
  readonly timeoutMs: number
  readonly input: PasteInput | null | undefined
  readonly maxStepUps: number
  readonly grant: McpGrant | undefined
  readonly interactive: boolean
  readonly loginCommand: string | undefined
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: Logger | undefined
  readonly signal: AbortSignal | undefined
  readonly now: () => number
}

const PKG = '@auth/mcp'
const METHODS = new Set(['none', 'client_secret_basic', 'client_secret_post'])

/**
 * Checks every option and applies the defaults.
 * @throws ConfigError `CONFIG_ERROR` naming the option: `@auth/mcp: createMcpAuth: "<name>" ...`.
 */
export function resolveSettings(options: McpAuthOptions): Settings {
  const check: OptionChecker = optionChecker(PKG, 'createMcpAuth')
  check.record(options, 'options')
  const name = check.productName(options.name, 'name') ?? check.fail('name', 'is required: the product command name')
  let server: URL
  try {
    server = assertSafeUrl(options.serverUrl, 'serverUrl')
  } catch {
    return check.fail('serverUrl', 'must be an https URL (or http on this machine) without spaces, quotes or shell characters', 'pass the MCP server URL, like https://mcp.example.com/mcp')
  }
  if (server.hash !== '') check.fail('serverUrl', 'must not hold a fragment')
  const dir = check.string(options.dir, 'dir', "pass the product's own folder")
  if (!Array.isArray(options.stores) || options.stores.length === 0) check.fail('stores', 'must be a non-empty array of credential stores')
  const runtime = check.runtime(options as unknown as Record<string, unknown>)
  const open = check.optionalFunction(options.open, 'open')
  const interactive = check.optionalBoolean(options.interactive, 'interactive') ?? (open !== undefined || (process.stdin.isTTY === true && process.stderr.isTTY === true))
  return {
    name,
    server,
    serverKey: canonicalResource(server),
    dir,
    stores: options.stores,
    store: check.optionalString(options.store, 'store') ?? 'auto',
    env: options.env,
    envToken: options.envToken ?? false,
    skewMs: options.skewMs,
    lockTimeoutMs: options.lockTimeoutMs,
    context: options.context,
    client: preRegistered(check, options.client),
    clientMetadataUrl: clientMetadataUrl(check, options.clientMetadataUrl),
    clientName: check.optionalString(options.clientName, 'clientName') ?? name,
    authorizationServer: check.optionalString(options.authorizationServer, 'authorizationServer'),
    scopes: options.scopes === undefined ? undefined : check.scopes(options.scopes, 'scopes', []),
    trustIssuersWithoutS256: new Set((options.trustIssuersWithoutS256 ?? []).map((i) => String(i).replace(/\/+$/, ''))),
    open,
    browser: check.optionalBoolean(options.browser, 'browser') ?? true,
    device: options.device === false ? undefined : check.optionalFunction(options.device, 'device'),
    port: options.port,
    portRange: options.portRange,
    timeoutMs: check.durationMs(options.timeoutMs, 'timeoutMs', { min: 1, max: 86_400_000 }, 5 * 60_000),
    input: options.input !== undefined ? options.input : open !== undefined ? null : undefined,
    maxStepUps: check.integer(options.maxStepUps, 'maxStepUps', { min: 0, max: 5 }, 1),
    grant: grant(check, options.grant),
    interactive,
    loginCommand: check.optionalString(options.loginCommand, 'loginCommand'),
    fetch: runtime.fetch,
    logger: runtime.logger,
    signal: runtime.signal,
    now: runtime.now ?? Date.now,
  }
}

function preRegistered(check: OptionChecker, value: unknown): PreRegisteredClient | undefined {
  if (value === undefined) return undefined
  check.record(value, 'client')
  const clientId = check.string(value.clientId, 'client.clientId', 'pass the client id the authorization server issued')
  const clientSecret = check.optionalString(value.clientSecret, 'client.clientSecret')
  // Masked wherever core's redaction runs (logs, error messages), like every token.
  if (clientSecret !== undefined) registerSecret(clientSecret)
  const method = value.tokenEndpointAuthMethod
  if (method !== undefined && (typeof method !== 'string' || !METHODS.has(method))) check.fail('client.tokenEndpointAuthMethod', 'must be "none", "client_secret_basic" or "client_secret_post"')
  if (method !== undefined && method !== 'none' && clientSecret === undefined) check.fail('client.clientSecret', `is required with ${method}`)
  return Object.freeze({
    clientId,
    ...(clientSecret !== undefined && { clientSecret }),
    ...(method !== undefined && { tokenEndpointAuthMethod: method as PreRegisteredClient['tokenEndpointAuthMethod'] }),
  })
}

function clientMetadataUrl(check: OptionChecker, value: unknown): string | undefined {
  if (value === undefined) return undefined
  const url = check.httpUrl(value, 'clientMetadataUrl', { allowInsecure: false })
  if (url.protocol !== 'https:' || url.pathname === '/') check.fail('clientMetadataUrl', 'must be an https URL with a path (the Client ID Metadata Document)')
  return url.href
}

function grant(check: OptionChecker, value: unknown): McpGrant | undefined {
  if (value === undefined) return undefined
  const g = value as McpGrant
  if (typeof g !== 'object' || g === null || typeof g.kind !== 'string' || typeof g.token !== 'function') check.fail('grant', 'must be an McpGrant: { kind, token(ctx) }')
  return g
}
