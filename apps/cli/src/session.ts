import { createAuth, type Auth, type Credential, type CredentialKey, type CredentialStore, type Flow, type ResolvedProfile } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from './app.js'
import type { CliContext } from './context.js'
import { loginFlags } from './current-credential.js'
import { envTokenApplies, TOKEN_VARIABLE } from './env-token.js'
import { isPlainHttp } from './insecure.js'
import { loadFlows } from './load-flows.js'
import { createLoginContext } from './login-context.js'
import { READ_ONLY, loginRequired } from './profile-credential.js'
import { renewSettings } from './renew.js'
import { createStores, type CliStores } from './stores/create-stores.js'

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
}

/**
 * The session of the profile in force: `createAuth` over the stores its `store` setting names
 * (`auto`: keychain, encrypted, file), its host, account, tenant and a flow resolver that renews
 * a credential with what it recorded at login (issuer, client). The CLI's commands are thin
 * shells over this object; the lifecycle (lookup, locked refresh, write-back, revocation) is core's.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no host is configured.
 * @example `const { auth } = profileSession(ctx); ctx.out.line(await auth.getAccessToken())`
 */
export function profileSession(ctx: CliContext, options: ProfileSessionOptions = {}): ProfileSession {
  const resolved = options.profile ?? ctx.resolveProfile({}, READ_ONLY)
  if (resolved.host === undefined) throw loginRequired('no host is configured', `run \`${CLI_NAME} auth login --host URL\``)
  const profile = { ...resolved, host: resolved.host }
  const stores = createStores(ctx, { keychainKey: options.everyStore === true || profile.store === 'encrypted' })
  const login = createLoginContext(ctx, { profile })
  const auth = createAuth({
    name: CLI_NAME,
    envPrefix: ENV_PREFIX,
    host: profile.host,
    allowInsecure: true,
    ...((options.account ?? profile.account) !== undefined && { account: (options.account ?? profile.account) as string }),
    prefer: { ...(profile.flow !== undefined && { flow: profile.flow }), ...(profile.clientId !== undefined && { clientId: profile.clientId }) },
    dir: ctx.configLocation.dir,
    flows: (_kind, credential, key) => (credential ? renewingFlow(ctx, credential, key, profile) : undefined),
    stores: searched(stores, options.everyStore === true ? 'every' : profile.store),
    store: profile.store,
    loginCommand: `${CLI_NAME} auth login${loginFlags(ctx, profile)}`,
    ...(profile.tenant !== undefined && { tenant: profile.tenant }),
    tenantHeader: profile.tenantHeader,
    interactive: false,
    // AUTHCLI_TOKEN only for the host it belongs to (see envTokenApplies).
    envToken: envTokenApplies(ctx) ? TOKEN_VARIABLE : false,
    env: ctx.env,
    ...(login.fetch && { fetch: login.fetch }),
    ...(login.logger && { logger: login.logger }),
    signal: ctx.signal,
    context: { ...(login.output && { output: login.output }) },
  })
  return { auth, profile, stores }
}

function searched(stores: CliStores, choice: string): CredentialStore[] {
  // `every` built its stores with the keychain-held key offered, so `lookup` is keychain, encrypted, file.
  if (choice === 'every' || choice === 'auto') return [...stores.lookup]
  const store = stores.candidates[choice as keyof CliStores['candidates']]
  return store ? [store] : [stores.memory]
}

/**
 * The flow that renews or revokes `credential`: configured from what it recorded at login, over
 * the profile of its host (for `logout --all`, another host's). Loads the flows chunk.
 */
async function renewingFlow(ctx: CliContext, credential: Credential, key: CredentialKey | undefined, profile: ResolvedProfile): Promise<Flow | undefined> {
  const forHost = key !== undefined && key.host !== profile.host ? ctx.resolveProfile({ host: key.host }, READ_ONLY) : profile
  const settings = renewSettings(credential, forHost, ctx)
  if (!settings) return undefined
  if (isPlainHttp(settings.issuer)) ctx.warn(`renewing the token over plain http at ${settings.issuer} (the login used --insecure)`)
  ctx.logger.debug(`${credential.flow} flow for ${forHost.host ?? '?'} at ${settings.issuer}`)
  return (await loadFlows()).createFlow(settings)
}
