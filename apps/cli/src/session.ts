import { CLI_HINTS } from './hints.js'
import { createAuth, resolveProfile, type Auth, type CredentialKey, type CredentialStore, type Flow, type ResolvedProfile } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from './app.js'
import type { AuthLoginOptions } from './commands/auth-login-options.js'
import type { CliContext } from './context.js'
import { flowSettings } from './flow-settings.js'
import { loadFlows } from './load-flows.js'
import { createLoginContext, isInteractive } from './login-context.js'
import { READ_ONLY, loginRequired } from './profile-credential.js'
import { createStores, KEY_VARIABLE, type CliStores } from './stores/create-stores.js'

/** The variable whose token wins over every store (for the host it belongs to). */
export const TOKEN_VARIABLE = `${ENV_PREFIX}_TOKEN`

/** A profile's session (`@auth/core` `createAuth`) and what it was built from. */
export interface ProfileSession {
  auth: Auth
  profile: ResolvedProfile & { host: string }
  stores: CliStores
}

/** Options of {@link profileSession}. */
export interface ProfileSessionOptions {
  /** Exactly this account's credential (git's `username=`); default the profile's `account`. */
  account?: string | undefined
  /** Search every store that answers (keychain, encrypted, file), whatever the profile's `store` says: `logout`. */
  everyStore?: boolean
  /** The profile to use instead of the one in force. */
  profile?: ResolvedProfile
  /** `auth login`'s flags: the session logs in with them (no account pinned; a user at the terminal may answer). */
  login?: AuthLoginOptions
  /** `false`: this session never sees `AUTHCLI_TOKEN` (`auth status` of a profile that is not the active one). */
  envToken?: boolean
}

/**
 * The session of the profile in force: `createAuth` over the stores its `store` setting names
 * (`auto`: keychain, encrypted, file), its host, account and tenant, `AUTHCLI_TOKEN` for the
 * host it belongs to ({@link envTokenHost}), and flows built from the profile's config (for a
 * credential of another host, that host's profile). The CLI's commands are thin shells over this
 * object; the lifecycle (lookup, locked refresh, write-back, login, revocation) is core's.
 * With `AUTHCLI_TOKEN` set and no host configured, the session stands for that token alone.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no host is configured (and no `AUTHCLI_TOKEN` is set).
 * @example `const { auth } = profileSession(ctx); ctx.out.line(await auth.getAccessToken())`
 */
export function profileSession(ctx: CliContext, options: ProfileSessionOptions = {}): ProfileSession {
  const resolved = options.profile ?? ctx.resolveProfile({}, READ_ONLY)
  const envToken = options.envToken !== false && (ctx.env[TOKEN_VARIABLE] ?? '').trim() !== ''
  if (resolved.host === undefined && !envToken) {
    throw loginRequired('no host is configured', `run \`${CLI_NAME} auth login --host URL\``, {
      command: `${CLI_NAME} auth login --host URL`,
      begin: `${CLI_NAME} auth login --device --begin --json --host URL`,
    })
  }
  // No host: only the env token can answer (it belongs to whatever host is used); no store holds this one.
  const profile = { ...resolved, host: resolved.host ?? 'http://localhost' }
  const stores = createStores(ctx, { keychainKey: options.everyStore === true || profile.store === 'encrypted' })
  const runtime = createLoginContext(ctx, { profile })
  const account = options.login ? undefined : (options.account ?? profile.account)
  // Which host AUTHCLI_TOKEN belongs to matters only when it is set: no config walk on the hot path otherwise.
  const home = envToken ? envTokenHost(ctx) : undefined
  const auth = createAuth({
    name: CLI_NAME,
    envPrefix: ENV_PREFIX,
    host: profile.host,
    allowInsecure: true,
    ...(account !== undefined && { account }),
    prefer: { ...(profile.flow !== undefined && { flow: profile.flow }), ...(profile.clientId !== undefined && { clientId: profile.clientId }) },
    dir: ctx.configLocation.dir,
    flows: (kind, _credential, key) => profileFlow(ctx, kind ?? profile.flow, key, profile, options.login),
    stores: searchedStores(stores, options.everyStore === true ? 'every' : profile.store),
    store: profile.store,
    keyVariable: KEY_VARIABLE,
    // A login while AUTHCLI_TOKEN is set stores, then says the variable overrides it (flyctl's way).
    loginUnderEnvToken: 'warn',
    ...(profile.profileUrl !== undefined && { profileUrl: profile.profileUrl }),
    plainTextWarning: ({ location }) => `credentials saved in plain text in ${location ?? 'a file'}; to protect them use --store encrypted (with ${KEY_VARIABLE}) or a keychain`,
    // A login that must ask for more scopes (a refresh cannot widen them) names the host and each --scope.
    loginCommand: ({ scopes, begin }) =>
      begin === true
        ? beginCommand(ctx, profile)
        : scopes === undefined
          ? `${CLI_NAME} auth login${loginFlags(ctx, profile)}`
          : `${CLI_NAME} auth login --host ${profile.host} ${scopes.map((scope) => `--scope ${scope}`).join(' ')}`,
    ...(profile.tenant !== undefined && { tenant: profile.tenant }),
    tenantHeader: profile.tenantHeader,
    interactive: options.login !== undefined && isInteractive(ctx),
    envToken: options.envToken === false ? false : { variable: TOKEN_VARIABLE, ...(home !== undefined && { host: home }) },
    env: ctx.env,
    ...(runtime.fetch && { fetch: runtime.fetch }),
    ...(runtime.logger && { logger: runtime.logger }),
    signal: ctx.signal,
    context: { ...(runtime.output && { output: runtime.output }) },
    hints: CLI_HINTS,
  })
  return { auth, profile, stores }
}

/**
 * The host `AUTHCLI_TOKEN` belongs to: the default host (`AUTHCLI_HOST`, else the active
 * profile's host), as gh keeps `GH_TOKEN` for github.com: a `--host` or `--profile` naming another
 * host does not get it. `undefined` when no default host is configured: then any host does.
 * @example `envTokenHost(ctx)` is `'https://api.example.com'` with `AUTHCLI_HOST=https://api.example.com`
 */
export function envTokenHost(ctx: Pick<CliContext, 'env' | 'config'>): string | undefined {
  try {
    return resolveProfile({ config: ctx.config, flags: {}, env: ctx.env, envPrefix: ENV_PREFIX, allowInsecure: true }).host
  } catch {
    return undefined
  }
}

/**
 * The stores a session searches for the store choice `choice` (`auto` or `every`: keychain,
 * encrypted, file; else the one named).
 * @example `searchedStores(createStores(ctx), 'file')` is `[file]`
 */
export function searchedStores(stores: CliStores, choice: string): CredentialStore[] {
  // `every` built its stores with the keychain-held key offered, so `lookup` is keychain, encrypted, file.
  if (choice === 'every' || choice === 'auto') return [...stores.lookup]
  const store = stores.candidates[choice as keyof CliStores['candidates']]
  return store ? [store] : [stores.memory]
}

/**
 * The flow `kind` built from config: the profile's, or for a credential of another host (`logout
 * --all`) that host's profile; with `login`, configured for `auth login`'s flags. The flow renews any
 * credential of its kind with the issuer and client the credential recorded (and warns on plain http).
 * Loads the flows chunk.
 */
async function profileFlow(
  ctx: CliContext,
  kind: string | undefined,
  key: CredentialKey | undefined,
  profile: ResolvedProfile & { host: string },
  login?: AuthLoginOptions,
): Promise<Flow | undefined> {
  if (kind === undefined) return undefined
  const forHost = key !== undefined && key.host !== profile.host ? ctx.resolveProfile({ host: key.host }, READ_ONLY) : profile
  const settings = flowSettings(kind, { ...forHost, host: forHost.host ?? key?.host ?? profile.host }, ctx, key === undefined ? login : undefined)
  if (!settings) return undefined
  ctx.logger.debug(`${kind} flow for ${settings.host} at ${settings.issuer}`)
  return await (await loadFlows()).createFlow(settings)
}

/**
 * The command that begins a device login without blocking, for `LOGIN_REQUIRED`'s `login.begin`
 * (what an agent runs): `--profile NAME` when the user named one, else `--host URL`.
 * @example `beginCommand(ctx, { name: 'default', host: 'https://h' })` is `'authcli auth login --device --begin --json --host https://h'`
 */
export function beginCommand(ctx: Pick<CliContext, 'globals'>, profile: { name: string; host: string }): string {
  const target = ctx.globals.profile !== undefined ? `--profile ${profile.name}` : `--host ${profile.host}`
  return `${CLI_NAME} auth login --device --begin --json ${target}`
}

/**
 * `--profile NAME` / `--host URL` for a login hint, as the user named them.
 * @example `loginFlags(ctx, { name: 'ci', host })` is `' --profile ci'` under `--profile ci`
 */
export function loginFlags(ctx: Pick<CliContext, 'globals'>, profile: { name: string; host: string }): string {
  if (ctx.globals.profile !== undefined) return ` --profile ${profile.name}`
  if (ctx.globals.host !== undefined) return ` --host ${profile.host}`
  return profile.name === 'default' ? '' : ` --profile ${profile.name}`
}
