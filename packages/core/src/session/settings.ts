/**
 * The checked, defaulted settings of one session, and the small things every part of the
 * session needs from them (the flow lookup, the login context, the "log in" error). Internal.
 */
import { isAbsolute } from 'node:path'
import { isRecord } from '../kit/assert.js'
import { optionChecker, type OptionChecker } from '../kit/option-checker.js'
import { envPrefixFor, envPrefixOf } from '../config/env-prefix.js'
import type { AuthOptions, FlowResolver } from './types.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { AuthenticationError } from '../errors/classes.js'
import type { ProductHints } from '../errors/auth-error.js'
import { DEFAULT_SKEW_MS } from '../model/freshness.js'
import { normalizeHost } from '../model/host.js'
import { silentLogger } from '../redact/logger.js'
import type { Credential, CredentialKey, CredentialStore, Flow, LoginContext, Logger } from '../model/types.js'

const WHERE = 'createAuth'
const check: OptionChecker = optionChecker('@auth/core', WHERE)

export interface SessionSettings {
  name: string
  loginCommand: string
  /** The login command for a login that must ask for `scopes` (the product's `loginCommand` function, else the plain command). */
  loginCommandFor: (needs: { scopes?: readonly string[] }) => string
  /** The product's command that begins a login without blocking (`loginCommand({ begin: true })`), if it has one. */
  beginCommand: string | undefined
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
  loginUnderEnvToken: 'refuse' | 'warn'
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
  hints: ProductHints | undefined
}

/** Checks {@link AuthOptions} at the boundary with the kit's option checker; messages name `createAuth` and the option. */
export function sessionSettings(options: AuthOptions): SessionSettings {
  check.record(options, 'options')
  const name = check.string(options.name, 'name', "pass the product's command name, e.g. 'mycli'")
  const host = check.string(options.host, 'host', 'pass the API base URL')
  const dir = check.string(options.dir, 'dir', "pass the product's private folder, e.g. join(homedir(), '.mycli')")
  if (!isAbsolute(dir))
    check.fail(
      'dir',
      `must be an absolute path, not "${dir}" (locks and fallback credential files would land in the current folder)`,
      'resolve it with resolveConfigLocation(), which refuses an empty or relative HOME',
    )
  const envPrefix = envPrefixOf({ envPrefix: options.envPrefix ?? envPrefixFor(name) }, WHERE)
  if (!Array.isArray(options.stores) || options.stores.length === 0) check.fail('stores', 'must list at least one store', 'pass e.g. [createFileStore({ dir })]')
  for (const store of options.stores) if (!isStore(store)) check.fail('stores', 'must hold CredentialStore objects (kind, get, set, delete, list)')
  const env = options.env ?? process.env
  const allowInsecure = check.optionalBoolean(options.allowInsecure, 'allowInsecure') === true
  const envToken = envTokenOption(options.envToken, `${envPrefix}_TOKEN`)
  const { fetch, logger, signal, now } = check.runtime(options as unknown as Record<string, unknown>)
  return {
    name,
    ...loginCommandOption(options.loginCommand, name),
    envPrefix,
    host: normalizeHost(host, { allowInsecure }),
    account: check.optionalString(options.account, 'account'),
    prefer: options.prefer ?? {},
    dir,
    resolveFlow: flowResolver(options.flows),
    stores: options.stores,
    store: check.optionalString(options.store, 'store') ?? 'auto',
    envTokenVariable: envToken.variable,
    envTokenHost: envToken.host === undefined ? undefined : normalizeHost(envToken.host, { allowInsecure }),
    keyVariable: check.optionalString(options.keyVariable, 'keyVariable'),
    loginUnderEnvToken: loginUnderEnvTokenOption(options.loginUnderEnvToken),
    env,
    skewMs: check.durationMs(options.skewMs, 'skewMs', {}, DEFAULT_SKEW_MS),
    lockTimeoutMs: check.durationMs(options.lockTimeoutMs, 'lockTimeoutMs', {}, 30_000),
    tenant: options.tenant ?? nonBlank(env[`${envPrefix}_TENANT`]),
    tenantHeader: check.optionalString(options.tenantHeader, 'tenantHeader') ?? 'X-Tenant',
    interactive: check.optionalBoolean(options.interactive, 'interactive') ?? (process.stdin.isTTY === true && process.stderr.isTTY === true),
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: logger ?? silentLogger,
    signal,
    now: now ?? Date.now,
    context: options.context ?? {},
    hints: hintsOption(options.hints),
  }
}

function hintsOption(value: unknown): ProductHints | undefined {
  if (value === undefined) return undefined
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string' || typeof v === 'function')) check.fail('hints', 'must map hint keys to strings or functions')
  return value as ProductHints
}

function loginCommandOption(value: AuthOptions['loginCommand'], name: string): Pick<SessionSettings, 'loginCommand' | 'loginCommandFor' | 'beginCommand'> {
  const fallback = `${name} auth login`
  if (typeof value === 'function') {
    const loginCommand = value({}) ?? fallback
    // A function written before `begin` existed answers its blocking command: that is no begin command.
    const begin = value({ begin: true })
    const beginCommand = typeof begin === 'string' && begin !== '' && begin !== loginCommand ? begin : undefined
    return { loginCommand, loginCommandFor: (needs) => value(needs) ?? fallback, beginCommand }
  }
  const loginCommand = check.optionalString(value, 'loginCommand') ?? fallback
  return { loginCommand, loginCommandFor: () => loginCommand, beginCommand: undefined }
}

function loginUnderEnvTokenOption(value: AuthOptions['loginUnderEnvToken']): 'refuse' | 'warn' {
  if (value === undefined || value === 'refuse' || value === 'warn') return value ?? 'refuse'
  return check.fail('loginUnderEnvToken', "must be 'refuse' or 'warn'")
}

function flowResolver(flows: AuthOptions['flows']): FlowResolver {
  if (typeof flows === 'function') return flows
  if (!Array.isArray(flows)) check.fail('flows', 'must be an array of flows or a function')
  for (const flow of flows) if (!isRecord(flow) || typeof flow.kind !== 'string' || typeof flow.login !== 'function') check.fail('flows', 'must hold Flow objects (kind, login)')
  const list = flows as readonly Flow[]
  return (kind) => (kind === undefined ? list[0] : list.find((flow) => flow.kind === kind))
}

function envTokenOption(value: AuthOptions['envToken'], fallback: string): { variable?: string; host?: string } {
  if (value === false) return {}
  if (value === undefined || value === true) return { variable: fallback }
  if (typeof value === 'string') return { variable: check.string(value, 'envToken', 'name a variable') }
  if (!isRecord(value)) return check.fail('envToken', 'must be a boolean, a variable name or { variable, host }')
  const variable = check.optionalString(value.variable, 'envToken.variable') ?? fallback
  const host = value.host
  if (host !== undefined && (typeof host !== 'string' || host === '')) check.fail('envToken.host', 'must be a URL')
  return { variable, ...(typeof host === 'string' && { host }) }
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
    dir: s.dir,
    ...(s.hints && { hints: s.hints }),
    ...(s.signal && { signal: s.signal }),
    ...s.context,
    ...extra,
  }
}

/** The flow that renews or revokes `credential`, or `undefined` when none can. */
export async function flowFor(s: SessionSettings, credential: Credential, key: CredentialKey): Promise<Flow | undefined> {
  return (await s.resolveFlow(credential.flow, credential, key)) ?? undefined
}

/**
 * The "log in first" error: exit 4, hint ``run `<loginCommand>` ``, and `login` (in `--json`)
 * naming that command and the product's non-blocking one.
 */
export function loginRequired(s: SessionSettings, message: string, code: string = ErrorCode.LOGIN_REQUIRED, cause?: unknown): AuthenticationError {
  return new AuthenticationError(message, { code, exitCode: ExitCode.AUTH, hint: `run \`${s.loginCommand}\``, login: loginSuggestion(s), ...(cause !== undefined && { cause }) })
}

/** The product's login commands, as "log in first" errors carry them (`login.command`, `login.begin`). */
export function loginSuggestion(s: SessionSettings): { command: string; begin?: string } {
  return { command: s.loginCommand, ...(s.beginCommand !== undefined && { begin: s.beginCommand }) }
}
