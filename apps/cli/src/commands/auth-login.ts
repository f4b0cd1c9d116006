import { ConfigError, ErrorCode, TimeoutError, accountName, credentialKey, registerSecret, type Credential, type ResolvedProfile } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from '../app.js'
import type { CommandSpec } from '../command.js'
import type { CliContext } from '../context.js'
import { envCredential, TOKEN_VARIABLE } from '../env-token.js'
import type { FlowSettings } from '../flows/types.js'
import { isPlainHttp } from '../insecure.js'
import { loadFlows } from '../load-flows.js'
import { createLoginContext, isInteractive } from '../login-context.js'
import { createPrompter } from '../prompter.js'
import { formatJson } from '../render.js'
import { secretSource } from '../secret-source.js'
import { createStores } from '../stores/create-stores.js'
import { selectLoginStore } from '../stores/select-login-store.js'
import { parseAuthLoginOptions, type AuthLoginOptions, type LoginFlowKind } from './auth-login-options.js'
import { patInput } from './pat-input.js'
import { recordLogin } from './record-login.js'

/** What `auth login` did; its `--json` shape. */
export interface AuthLoginResult {
  host: string
  account: string
  flow: LoginFlowKind
  /** The kind of store the credential went to. */
  store: string
  /** The profile it was recorded in, now the active one. */
  profile: string
}

/**
 * Logs in with the chosen flow, stores the credential under (host, account) in the selected
 * store, and records the profile (never a secret, pinned to that account) as the active one.
 * @throws ConfigError `USAGE_ERROR` (exit 2) while `AUTHCLI_TOKEN` is set, without a host, or
 * without a flow when nobody is at the terminal.
 * @throws AuthError from the flow (exit 4 refused, 5 network, 130 Ctrl-C) or the store (exit 6).
 * @throws TimeoutError `LOGIN_TIMEOUT` (exit 4) when `--timeout` runs out.
 */
export async function runAuthLogin(options: AuthLoginOptions, ctx: CliContext): Promise<AuthLoginResult> {
  if (await envCredential(ctx)) throw usage(`${TOKEN_VARIABLE} is set, and it wins over any stored credential`, `unset ${TOKEN_VARIABLE} to log in and store a credential (unset ${TOKEN_VARIABLE})`)
  const profile = ctx.resolveProfile(profileFlags(options), { allowInsecure: options.insecure })
  const host = profile.host
  if (host === undefined) throw usage('no host to log in to', `pass --host URL, set ${ENV_PREFIX}_HOST, or run '${CLI_NAME} config set host URL'`)
  const flow = chooseFlow(options, profile, ctx)
  if (options.insecure) warnInsecure(ctx, [host, profile.issuer, options.profileUrl])
  const store = await selectLoginStore(ctx, createStores(ctx, { keychainKey: profile.store === 'encrypted' }), profile.store)
  const settings = flowSettings(flow, options, { ...profile, host }, ctx)
  const credential = complete(await login(settings, options, ctx), settings)
  const account = accountName(credential)
  await store.set(credentialKey(host, account), credential)
  const name = await recordLogin(ctx, { options, profile: { ...profile, host }, flow, store: store.kind, account })
  return { host, account, flow, store: store.kind, profile: name }
}

function profileFlags(options: AuthLoginOptions) {
  return {
    ...(options.issuer !== undefined && { issuer: options.issuer }),
    ...(options.clientId !== undefined && { clientId: options.clientId }),
    ...(options.tenant !== undefined && { tenant: options.tenant }),
    ...(options.store !== undefined && { store: options.store }),
    ...(options.scopes.length > 0 && { scopes: options.scopes }),
  }
}

/**
 * The flow to run: a flow flag, else the profile's `flow` (or the flyte YAML `authType`), else,
 * when a user is at the terminal, the browser flow where a browser can open (a display on
 * Linux, macOS, Windows; not over SSH) and the device flow elsewhere.
 * @throws ConfigError `USAGE_ERROR` (exit 2) without a flow and without a terminal.
 * @example `chooseFlow({ scopes: [], qr: true, insecure: false }, profile, ctx)` is `'device'` on a terminal over SSH
 */
export function chooseFlow(
  options: AuthLoginOptions,
  profile: Pick<ResolvedProfile, 'flow'>,
  ctx: Pick<CliContext, 'stdin' | 'err' | 'env'>,
  platform: NodeJS.Platform = process.platform,
): LoginFlowKind {
  const guess = isInteractive(ctx) ? (browserCanOpen(ctx.env ?? {}, platform) ? 'pkce' : 'device') : undefined
  const flow = options.flow ?? profile.flow ?? guess
  if (flow === undefined) {
    throw usage('no login flow given, and nobody is at a terminal to use the device flow', 'pass --with-token (the token on stdin), --client-credentials or --device')
  }
  if ((options.clientSecretEnv !== undefined || options.clientSecretFile !== undefined) && flow !== 'client-credentials') {
    throw usage('--client-secret-env and --client-secret-file apply to the client-credentials flow only')
  }
  if ((options.port !== undefined || options.portRange !== undefined) && flow !== 'pkce') {
    throw usage(`--port and --port-range apply to the browser flow only (this login uses the ${flow} flow)`, 'add --web or --no-browser')
  }
  return flow as LoginFlowKind
}

/**
 * Whether a browser can probably open here: macOS and Windows, else a display (`DISPLAY`,
 * `WAYLAND_DISPLAY`); never over SSH. The same rule as `canOpenBrowser` of @auth/flow-pkce,
 * which is not imported here: the main bundle must not pull the flows chunk (openid-client) in.
 * @example `browserCanOpen({ DISPLAY: ':0' }, 'linux')` is `true`
 */
export function browserCanOpen(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): boolean {
  const set = (name: string) => (env[name] ?? '') !== ''
  if (set('SSH_CONNECTION') || set('SSH_TTY')) return false
  return platform === 'darwin' || platform === 'win32' || set('DISPLAY') || set('WAYLAND_DISPLAY')
}

function warnInsecure(ctx: CliContext, urls: (string | undefined)[]): void {
  for (const url of new Set(urls.filter(isPlainHttp))) {
    ctx.warn(`--insecure: talking to ${url} over plain http; anyone on the network path can read and change the tokens`)
  }
}

/**
 * What the flows chunk needs for this login, from the options and the resolved profile.
 * @example `flowSettings('device', options, profile, ctx).issuer` defaults to the host
 */
export function flowSettings(kind: LoginFlowKind, options: AuthLoginOptions, profile: ResolvedProfile & { host: string }, ctx: CliContext): FlowSettings {
  const profileUrl = options.profileUrl ?? profile.profileUrl
  return {
    kind,
    host: profile.host,
    issuer: profile.issuer ?? profile.host,
    clientId: profile.clientId ?? CLI_NAME,
    scopes: profile.scopes,
    tenantHeader: profile.tenantHeader,
    allowInsecure: options.insecure,
    cliName: CLI_NAME,
    env: ctx.env,
    ...(profile.tenant !== undefined && { tenant: profile.tenant }),
    ...(profileUrl !== undefined && { profileUrl }),
    ...(kind === 'device' && { device: { qr: options.qr, isTTY: ctx.err.isTTY, write: (text: string) => ctx.err.write(text) } }),
    ...(kind === 'pkce' && { pkce: pkceSettings(options, ctx) }),
    ...(kind === 'client-credentials' && {
      secret: secretSource({ flagFile: options.clientSecretFile, flagEnv: options.clientSecretEnv, configFile: profile.clientSecretFile, configEnv: profile.clientSecretEnv }),
    }),
  }
}

/** The browser flow's flags; stdin is read for a pasted redirect URL (always in `--no-browser`, alongside the browser otherwise). */
function pkceSettings(options: AuthLoginOptions, ctx: CliContext): NonNullable<FlowSettings['pkce']> {
  return {
    browser: options.browser ?? true,
    dir: ctx.configLocation.dir,
    ...(options.port !== undefined && { port: options.port }),
    ...(options.portRange !== undefined && { portRange: options.portRange }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.resources !== undefined && options.resources.length > 0 && { resources: options.resources }),
    ...(ctx.stdin !== undefined && { input: ctx.stdin }),
  }
}

async function login(settings: FlowSettings, options: AuthLoginOptions, ctx: CliContext): Promise<Credential> {
  const flow = (await loadFlows()).createFlow(settings)
  const timeout = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)
  const signal = timeout ? AbortSignal.any([ctx.signal, timeout]) : ctx.signal
  try {
    const pat = settings.kind === 'pat' && { ...patInput(options), ...(ctx.stdin !== undefined && { stdin: ctx.stdin }), prompter: createPrompter(ctx) }
    return await flow.login({ ...createLoginContext(ctx, { signal, data: ctx.globals.json }), ...pat })
  } catch (error) {
    if (!timeout?.aborted || ctx.signal.aborted) throw error
    throw new TimeoutError(`the login did not finish within ${(options.timeoutMs ?? 0) / 1000} s (--timeout)`, {
      code: ErrorCode.LOGIN_TIMEOUT,
      hint: 'run it again, or give more time with --timeout SECONDS',
      cause: error,
    })
  }
}

/** The credential as stored: the issuer and client it came from, for refresh and revocation. */
function complete(credential: Credential, settings: FlowSettings): Credential {
  for (const token of [credential.accessToken, credential.refreshToken, credential.idToken]) if (token) registerSecret(token)
  if (settings.kind === 'pat') return credential
  return { ...credential, issuer: credential.issuer ?? settings.issuer, clientId: credential.clientId ?? settings.clientId }
}

/** `✓ Logged in to HOST as ACCOUNT (store: KIND)` on stderr; `--json`: {@link AuthLoginResult} on stdout. */
export function renderAuthLogin(result: AuthLoginResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  ctx.err.line(`${ctx.err.colors.green('✓')} Logged in to ${result.host} as ${result.account} (store: ${result.store})`)
}

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}

export const authLoginCommand: CommandSpec<AuthLoginOptions, AuthLoginResult> = {
  id: 'auth login',
  parse: parseAuthLoginOptions,
  run: runAuthLogin,
  render: renderAuthLogin,
}
