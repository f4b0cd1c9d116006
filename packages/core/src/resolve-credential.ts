import { assertRecord, assertOptionalBoolean, invalid } from './_assert.js'
import { envPrefixOf } from './_env-prefix.js'
import { chain } from './chain.js'
import { credentialKeyId } from './credential-key-id.js'
import { ErrorCode, ExitCode } from './error-codes.js'
import { AuthenticationError, NotFoundError } from './errors.js'
import { fromEnv } from './from-env.js'
import { fromLogin } from './from-login.js'
import { fromRefresh } from './from-refresh.js'
import { fromStore } from './from-store.js'
import type { Credential, CredentialKey, CredentialStore, Provider } from './types.js'

/** Options of {@link resolveCredential}. */
export interface ResolveCredentialOptions {
  /** The host and account wanted. */
  key: CredentialKey
  /** The store of the active profile; without one only the env token and a login can answer. */
  store?: CredentialStore
  /** The environment; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /** The env var prefix; default `AUTHCLI` (so the token variable is `AUTHCLI_TOKEN`). */
  envPrefix?: string
  /** The token variable, when it is not `<envPrefix>_TOKEN`. */
  tokenVariable?: string
  /** Renews an expired credential (usually `flow.refresh`); without it there is no refresh link. */
  refresh?: (credential: Credential) => Promise<Credential>
  /** Whether a credential can be renewed; see {@link FromRefreshOptions.canRefresh}. */
  canRefresh?: (credential: Credential) => boolean
  /** Logs in (usually `() => flow.login(ctx)`); without it there is no login link. */
  login?: () => Promise<Credential>
  /** Whether the user can be asked to log in (a TTY); default `false`. */
  interactive?: boolean
  /** The CLI's name, for the hint; default `authcli`. */
  cliName?: string
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number
  /** A credential expiring within this many ms counts as expired; default 60 000. */
  skewMs?: number
}

/**
 * Finds the credential to use, first hit wins: the env token (`<PREFIX>_TOKEN`) > the store >
 * a refresh of the stored credential (written back to the store) > an interactive login
 * (stored), as {@link chain} of {@link fromEnv}, {@link fromStore}, {@link fromRefresh},
 * {@link fromLogin}. The credential's `source` says which.
 *
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4, hint ``run `authcli auth login` ``) when no
 * link has one; the last link's `NotFoundError` is the `cause`.
 * @throws AuthError any other error of a link (a bad env token, a failing store, the network), unchanged.
 * @example
 * ```ts
 * const credential = await resolveCredential({ key: credentialKey('example.com'), store: createMemoryStore() })
 * ```
 * @see {@link chain}, {@link createCredentialCache} for the hot path.
 */
export async function resolveCredential(options: ResolveCredentialOptions): Promise<Credential> {
  assertRecord(options, 'resolveCredential', 'options')
  assertOptionalBoolean(options.interactive, 'resolveCredential', 'interactive')
  const cliName = options.cliName ?? 'authcli'
  if (typeof cliName !== 'string' || cliName.trim() === '') invalid('resolveCredential', '"cliName" must be a non-empty string')
  const host = credentialKeyId(options.key).split('#')[0] as string
  try {
    return await chain(...links(options, host))()
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error
    throw new AuthenticationError(`not logged in to ${host}: ${error.message}`, {
      code: ErrorCode.LOGIN_REQUIRED,
      exitCode: ExitCode.AUTH,
      hint: `run \`${cliName} auth login\``,
      cause: error,
    })
  }
}

function links(options: ResolveCredentialOptions, host: string): Provider<Credential>[] {
  const { key, store, now, skewMs } = options
  const variable = options.tokenVariable ?? `${envPrefixOf(options.envPrefix, 'resolveCredential')}_TOKEN`
  const timing = { ...(now && { now }), ...(skewMs !== undefined && { skewMs }) }
  const out = [fromEnv({ variable, host, ...(options.env && { env: options.env }), ...(now && { now }) })]
  if (store) out.push(fromStore({ store, key, ...timing }))
  if (store && options.refresh) {
    out.push(fromRefresh({ store, key, refresh: options.refresh, ...timing, ...(options.canRefresh && { canRefresh: options.canRefresh }) }))
  }
  if (options.login) out.push(fromLogin({ interactive: options.interactive === true, login: options.login, ...(store && { store, key }) }))
  return out
}
