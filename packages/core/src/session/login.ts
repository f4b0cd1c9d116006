/**
 * A login through the session: pick the store before the user spends time (`selectStore`: an explicit kind fails closed, `auto` falls back out
 * loud, a corrupt file is moved aside), run the flow (with a deadline when asked), store the
 * credential under the account with the issuer and client it recorded, and say so when the env
 * token will still win over it. Internal.
 */
import { loginContext, type SessionSettings } from './settings.js'
import { fromEnvToken } from './lookup.js'
import { accountName } from '../model/credential-key.js'
import type { AuthLoginOptions, AuthLoginResult } from './types.js'
import { ConfigError, TimeoutError } from '../errors/classes.js'
import { ErrorCode } from '../errors/codes.js'
import { AuthError, applyHint } from '../errors/auth-error.js'
import { registerSecret } from '../redact/secrets.js'
import { invalidOption } from '../kit/invalid-option.js'
import { selectStore } from '../store/select-store.js'
import type { Credential, CredentialStore, LoginContext } from '../model/types.js'

/**
 * Runs the flow `kind` (default: the first) and stores its credential. While the env token is in
 * force for the host: refused, or (`loginUnderEnvToken: 'warn'`) run and stored, then
 * `output.warn` says that the env token wins over what was just saved (`envTokenWins` names it).
 * @throws ConfigError `USAGE_ERROR` (exit 2) while the env token is in force (unless `'warn'`); `CONFIG_ERROR` when no such flow or store is configured.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the chosen store is not available.
 * @throws TimeoutError `LOGIN_TIMEOUT` (exit 4) when `timeoutMs` runs out; whatever the flow throws.
 */
export async function sessionLogin(s: SessionSettings, kind: string | undefined, options: AuthLoginOptions = {}): Promise<AuthLoginResult> {
  try {
    return await login(s, kind, options)
  } catch (error) {
    throw AuthError.isInstance(error) ? applyHint(error, s.hints) : error
  }
}

async function login(s: SessionSettings, kind: string | undefined, options: AuthLoginOptions): Promise<AuthLoginResult> {
  await assertLoginAllowed(s)
  const flow = await s.resolveFlow(kind)
  if (!flow) invalidOption('@auth/core', 'createAuth', `no ${kind === undefined ? '' : `"${kind}" `}flow is configured`, 'pass the flow in createAuth({ flows: [...] })')
  const { account, store: storeKind, timeoutMs, ...contextOptions } = options
  const ctx = loginContext(s, contextOptions)
  const { store, warning } = await chooseStore(s, ctx, storeKind)
  const obtained = await withTimeout(ctx, timeoutMs, (signalled) => flow.login(signalled))
  return saveLogin(s, ctx, { obtained, store, account, ...(warning !== undefined && { warning }) })
}

/**
 * A login while the env token is in force for the host: refused (`USAGE_ERROR`, exit 2) unless
 * the product chose `loginUnderEnvToken: 'warn'` (then {@link saveLogin} warns after storing).
 */
export async function assertLoginAllowed(s: SessionSettings): Promise<void> {
  if (s.loginUnderEnvToken === 'warn') return
  const env = await fromEnvToken(s)
  if (!env) return
  const variable = env.source.replace(/^env:/, '')
  throw new ConfigError(`${variable} is set, and it wins over any stored credential`, { code: ErrorCode.USAGE_ERROR, hint: `unset ${variable} to log in and store a credential` })
}

/** Picks the store a login writes to, before the user spends time: `selectStore`, said out loud. */
export async function chooseStore(s: SessionSettings, ctx: LoginContext, storeKind: string | undefined): Promise<{ store: CredentialStore; warning?: string }> {
  const choice = storeKind ?? s.store
  const started = performance.now()
  const selection = await selectStore({
    choice,
    stores: s.stores,
    ...(s.keyVariable !== undefined && { keyVariable: s.keyVariable }),
    movedAside: (corrupt, path) => {
      const what = corrupt.kind === 'encrypted' ? 'the encrypted credentials file' : corrupt.kind === 'file' ? 'the credentials file' : `the file of the ${corrupt.kind} store`
      ctx.output?.warn(`${what} could not be read and was moved aside to ${path}; log in again to each host it held`)
    },
  })
  s.logger.debug(`store selection (${choice}) took ${Math.round(performance.now() - started)} ms`)
  if (selection.warning !== undefined) ctx.output?.warn(selection.warning)
  return selection
}

/** Stores what a flow obtained under its account, and warns when the env token still wins over it. */
export async function saveLogin(
  s: SessionSettings,
  ctx: LoginContext,
  { obtained, store, account, warning }: { obtained: Credential; store: CredentialStore; account: string | undefined; warning?: string },
): Promise<AuthLoginResult> {
  const key = { host: s.host, account: account ?? s.account ?? accountName(obtained) }
  const credential = clean(obtained, s.tenant)
  await store.set(key, credential)
  s.logger.debug(`stored the ${credential.flow} credential for ${key.host} (${key.account}) in the ${store.kind} store`)
  const env = await fromEnvToken(s)
  const envTokenWins = env?.source.replace(/^env:/, '')
  if (envTokenWins !== undefined) ctx.output?.warn(`${envTokenWins} is set: it overrides the credential just saved for ${key.host}; unset it to use the saved one`)
  return { credential, key, store, ...(warning !== undefined && { warning }), ...(envTokenWins !== undefined && { envTokenWins }) }
}

/** Runs `login` with the context's signal, aborted also after `timeoutMs`; that abort becomes `LOGIN_TIMEOUT`. */
async function withTimeout(ctx: LoginContext, timeoutMs: number | undefined, login: (ctx: LoginContext) => Promise<Credential>): Promise<Credential> {
  if (timeoutMs === undefined) return login(ctx)
  const timeout = AbortSignal.timeout(timeoutMs)
  try {
    return await login({ ...ctx, timeoutMs, signal: ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout })
  } catch (error) {
    if (!timeout.aborted || ctx.signal?.aborted === true) throw error
    throw new TimeoutError(`the login did not finish within ${timeoutMs / 1000} s`, { code: ErrorCode.LOGIN_TIMEOUT, hint: 'run it again, and allow more time', cause: error })
  }
}

function clean(obtained: Credential, tenant: string | undefined): Credential {
  const { source: _source, needsLogin: _needsLogin, ...credential } = obtained
  for (const token of [credential.accessToken, credential.refreshToken, credential.idToken]) if (token) registerSecret(token)
  if (credential.tenant === undefined && tenant !== undefined) credential.tenant = tenant
  return credential
}
