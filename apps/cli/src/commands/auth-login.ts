import { AuthError, ConfigError, ErrorCode, TimeoutError, type ResolvedProfile } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from '../app.js'
import type { CommandSpec } from '../command.js'
import type { CliContext } from '../context.js'
import { isPlainHttp } from '../insecure.js'
import { ask, choose, mayPrompt, type Choice } from '../choose.js'
import { isInteractive } from '../login-context.js'
import { createPrompter } from '../prompter.js'
import { formatJson } from '../render.js'
import { profileSession } from '../session.js'
import { parseAuthLoginOptions, profileFlags, type AuthLoginOptions, type LoginFlowKind } from './auth-login-options.js'
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
  /** Client credentials: the scopes the server granted, shown after the login (not in `--json`). */
  grantedScopes?: readonly string[]
  /** Not in the JSON: whether the profile was created, made active, or was already the active one. */
  profileChange?: 'created' | 'activated' | 'kept'
}

/**
 * Logs in with the chosen flow, stores the credential under (host, account) in the selected
 * store, and records the profile (never a secret, pinned to that account) as the active one.
 * @throws ConfigError `USAGE_ERROR` (exit 2) while `AUTHCLI_TOKEN` is set, without a host, or
 * without a flow when nobody is at the terminal.
 * @throws AuthError from the flow (exit 4 refused, 5 network, 130 Ctrl-C) or the store (exit 6).
 * @throws TimeoutError `LOGIN_TIMEOUT` (exit 4) when `--timeout` runs out.
 */
export async function runAuthLogin(given: AuthLoginOptions, ctx: CliContext): Promise<AuthLoginResult> {
  let profile = ctx.resolveProfile(profileFlags(given), { allowInsecure: given.insecure })
  if (profile.host === undefined && mayPrompt(ctx)) {
    const answer = await ask(ctx, 'Host to log in to (e.g. https://api.example.com):')
    profile = ctx.resolveProfile({ ...profileFlags(given), host: answer }, { allowInsecure: given.insecure })
  }
  const host = profile.host
  if (host === undefined) throw usage('no host to log in to', `pass --host URL, set ${ENV_PREFIX}_HOST, or run '${CLI_NAME} config set host URL'`)
  const options = given.flow === undefined && profile.flow === undefined && mayPrompt(ctx) ? await askMethod(given, profile, ctx) : given
  const { auth } = profileSession(ctx, { profile, login: options })
  const flow = chooseFlow(options, profile, ctx)
  if (flow === 'client-credentials' && (profile.clientId === undefined || profile.sources.clientId === 'default')) throw noClientId()
  if (options.insecure) warnInsecure(ctx, [host, profile.issuer, options.profileUrl])
  const { key, store, credential } = await login(auth, flow, options, ctx)
  if (store.kind === 'memory') ctx.warn('the memory store forgets the credential when this command ends')
  const before = ctx.config
  const name = await recordLogin(ctx, { options, profile: { ...profile, host }, flow, store: store.kind, account: key.account })
  const wasActive = (before.activeProfile ?? 'default') === name && before.profiles[name]?.host !== undefined
  const profileChange = before.profiles[name]?.host === undefined ? 'created' : wasActive ? 'kept' : 'activated'
  return { host, account: key.account, flow, store: store.kind, profile: name, profileChange, ...(flow === 'client-credentials' && { grantedScopes: credential.scopes ?? [] }) }
}

/** `--client-credentials` without a client id would log in as the public client and fail at the server (`INVALID_CLIENT`). */
function noClientId(): ConfigError {
  return usage('--client-credentials needs the id of a confidential client', `pass --client-id ID (or set ${ENV_PREFIX}_CLIENT_ID, or client_id in the profile)`)
}

/**
 * At a terminal, with no flow flag and none recorded: how to log in, the browser first where one
 * can open (Enter takes it), else the device code.
 */
async function askMethod(options: AuthLoginOptions, profile: Pick<ResolvedProfile, 'flow'>, ctx: CliContext): Promise<AuthLoginOptions> {
  const guess = chooseFlow(options, profile, ctx)
  const choices: Choice<Partial<AuthLoginOptions>>[] = [
    { label: 'Log in with a web browser on this machine (--web)', value: { flow: 'pkce', browser: true } },
    { label: 'Open the login page on another device and paste back the address it lands on (--no-browser)', value: { flow: 'pkce', browser: false } },
    { label: 'Enter a one-time code on any device (--device)', value: { flow: 'device' } },
    { label: 'Paste a personal access token (--with-token)', value: { flow: 'pat', tokenFrom: '--with-token' } },
  ]
  const picked = await choose(ctx, 'How do you want to log in?', choices, guess === 'pkce' ? 0 : 2)
  return { ...options, ...picked }
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
 * `auth.login` with `--timeout` (`LOGIN_TIMEOUT` named after the flag), `--json` data (the device
 * code) on stdout, and for a PAT its login-time input: the token from argv, else stdin or a hidden prompt.
 */
async function login(auth: Awaited<ReturnType<typeof profileSession>>['auth'], flow: LoginFlowKind, options: AuthLoginOptions, ctx: CliContext) {
  const output = { info: (m: string) => ctx.err.line(m), warn: (m: string) => ctx.warn(m), ...(ctx.globals.json && { data: (value: unknown) => ctx.out.write(formatJson(value)) }) }
  try {
    const pat = flow === 'pat' && { ...patInput(options), ...(ctx.stdin !== undefined && { stdin: ctx.stdin }), prompter: createPrompter(ctx) }
    return await auth.login(flow, { output, ...pat, ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) })
  } catch (error) {
    if (!AuthError.isInstance(error) || error.code !== ErrorCode.LOGIN_TIMEOUT || options.timeoutMs === undefined) throw error
    throw new TimeoutError(`${error.message} (--timeout)`, { code: ErrorCode.LOGIN_TIMEOUT, hint: 'run it again, or give more time with --timeout SECONDS', cause: error.cause })
  }
}

/**
 * `✓ Logged in to HOST as ACCOUNT (store: KIND)` and which profile was created or made active,
 * on stderr; `--json`: {@link AuthLoginResult} on stdout.
 */
export function renderAuthLogin(result: AuthLoginResult, ctx: CliContext): void {
  const { grantedScopes, profileChange, ...shape } = result
  if (ctx.globals.json) return ctx.out.write(formatJson(shape))
  ctx.err.line(`${ctx.err.colors.green('✓')} Logged in to ${result.host} as ${result.account} (store: ${result.store})`)
  if (grantedScopes !== undefined && grantedScopes.length > 0) ctx.err.line(`  scopes granted: ${grantedScopes.join(' ')}`)
  else if (grantedScopes !== undefined) ctx.warn('the server granted no scopes: most API calls will be refused; log in again with --scope SCOPE (repeatable)')
  if (profileChange === 'created') ctx.err.line(`${ctx.err.colors.green('✓')} Created the profile ${result.profile}; it is now the active one`)
  else if (profileChange === 'activated') ctx.err.line(`${ctx.err.colors.green('✓')} The profile ${result.profile} is now the active one`)
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
