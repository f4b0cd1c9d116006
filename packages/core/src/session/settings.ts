/**
 * The checked, defaulted settings of one session, and the small things every part of the
 * session needs from them (the flow lookup, the login context, the "log in" error). Internal.
 */
import { assertNonEmptyString, assertRecord, clock, invalid, isRecord, nonNegative } from '../kit/assert.js'
import type { AuthOptions, FlowResolver } from './types.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { AuthenticationError } from '../errors/classes.js'
import { DEFAULT_SKEW_MS } from '../model/freshness.js'
import { normalizeHost } from '../model/host.js'
import { silentLogger } from '../redact/logger.js'
import type { Credential, CredentialKey, CredentialStore, Flow, LoginContext, Logger } from '../model/types.js'

const WHERE = 'createAuth'

export interface SessionSettings {
  name: string
  loginCommand: string
  envPrefix: string
  host: string
  account: string | undefined
  prefer: { flow?: string; clientId?: string }
  dir: string
  resolveFlow: FlowResolver
  stores: readonly CredentialStore[]
  store: string
  envTokenVariable: string | undefined
  /** The host the env token belongs to (normalised); `undefined`: any. */
  envTokenHost: string | undefined
  keyVariable: string | undefined
  env: Readonly<Record<string, string | undefined>>
  skewMs: number
  lockTimeoutMs: number
  tenant: string | undefined
  tenantHeader: string
  interactive: boolean
  fetch: typeof globalThis.fetch
  logger: Logger
  signal: AbortSignal | undefined
  now: () => number
  context: Pick<LoginContext, 'output' | 'prompter' | 'stdin'>
}

/** Checks {@link AuthOptions} at the boundary; messages name `createAuth` and the option. */
export function sessionSettings(options: AuthOptions): SessionSettings {
  assertRecord(options, WHERE, 'options')
  assertNonEmptyString(options.name, WHERE, 'name')
  assertNonEmptyString(options.host, WHERE, 'host')
  assertNonEmptyString(options.dir, WHERE, 'dir')
  const envPrefix = options.envPrefix ?? options.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envPrefix)) invalid(WHERE, '"envPrefix" must be letters, digits and "_", not starting with a digit')
  if (!Array.isArray(options.stores) || options.stores.length === 0) invalid(WHERE, '"stores" must list at least one store', 'pass e.g. [createFileStore({ dir })]')
  for (const store of options.stores) if (!isStore(store)) invalid(WHERE, '"stores" must hold CredentialStore objects (kind, get, set, delete, list)')
  const env = options.env ?? process.env
  const tenant = options.tenant ?? nonBlank(env[`${envPrefix}_TENANT`])
  const allowInsecure = options.allowInsecure === true
  const envToken = envTokenOption(options.envToken, `${envPrefix}_TOKEN`)
  return {
    name: options.name,
    loginCommand: options.loginCommand ?? `${options.name} auth login`,
    envPrefix,
    host: normalizeHost(options.host, { allowInsecure }),
    account: options.account,
    prefer: options.prefer ?? {},
    dir: options.dir,
    resolveFlow: flowResolver(options.flows),
    stores: options.stores,
    store: options.store ?? 'auto',
    envTokenVariable: envToken.variable,
    envTokenHost: envToken.host === undefined ? undefined : normalizeHost(envToken.host, { allowInsecure }),
    keyVariable: options.keyVariable,
    env,
    skewMs: nonNegative(options.skewMs, DEFAULT_SKEW_MS, WHERE, 'skewMs'),
    lockTimeoutMs: nonNegative(options.lockTimeoutMs, 30_000, WHERE, 'lockTimeoutMs'),
    tenant,
    tenantHeader: options.tenantHeader ?? 'X-Tenant',
    interactive: options.interactive ?? (process.stdin.isTTY === true && process.stderr.isTTY === true),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: options.logger ?? silentLogger,
    signal: options.signal,
    now: clock(options.now, WHERE),
    context: options.context ?? {},
  }
}

function flowResolver(flows: AuthOptions['flows']): FlowResolver {
  if (typeof flows === 'function') return flows
  if (!Array.isArray(flows)) invalid(WHERE, '"flows" must be an array of flows or a function')
  for (const flow of flows) if (!isRecord(flow) || typeof flow.kind !== 'string' || typeof flow.login !== 'function') invalid(WHERE, '"flows" must hold Flow objects (kind, login)')
  const list = flows as readonly Flow[]
  return (kind) => (kind === undefined ? list[0] : list.find((flow) => flow.kind === kind))
}

function envTokenOption(value: AuthOptions['envToken'], fallback: string): { variable?: string; host?: string } {
  if (value === false) return {}
  if (value === undefined || value === true) return { variable: fallback }
  if (typeof value === 'string') return value.trim() === '' ? invalid(WHERE, '"envToken" must name a variable') : { variable: value }
  if (!isRecord(value)) return invalid(WHERE, '"envToken" must be a boolean, a variable name or { variable, host }')
  const { variable = fallback, host } = value as { variable?: unknown; host?: unknown }
  if (typeof variable !== 'string' || variable === '') invalid(WHERE, '"envToken.variable" must name a variable')
  if (host !== undefined && (typeof host !== 'string' || host === '')) invalid(WHERE, '"envToken.host" must be a URL')
  return { variable: variable as string, ...(host !== undefined && { host: host as string }) }
}

function isStore(value: unknown): value is CredentialStore {
  return isRecord(value) && typeof value.kind === 'string' && ['get', 'set', 'delete', 'list'].every((m) => typeof value[m] === 'function')
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** The context a flow runs with: the session's runtime options, I/O and whether a user is there. */
export function loginContext(s: SessionSettings, extra: Partial<LoginContext> = {}): LoginContext {
  return {
    fetch: s.fetch,
    logger: s.logger,
    now: s.now,
    interactive: s.interactive,
    ...(s.signal && { signal: s.signal }),
    ...s.context,
    ...extra,
  }
}

/** The flow that renews or revokes `credential`, or `undefined` when none can. */
export async function flowFor(s: SessionSettings, credential: Credential, key: CredentialKey): Promise<Flow | undefined> {
  return (await s.resolveFlow(credential.flow, credential, key)) ?? undefined
}

/** The "log in first" error: exit 4, hint ``run `<loginCommand>` ``. */
export function loginRequired(s: SessionSettings, message: string, code: string = ErrorCode.LOGIN_REQUIRED, cause?: unknown): AuthenticationError {
  return new AuthenticationError(message, { code, exitCode: ExitCode.AUTH, hint: `run \`${s.loginCommand}\``, ...(cause !== undefined && { cause }) })
}
