/**
 * The session's `beginLogin` / `resumeLogin`: what every session checks (the handle, the env
 * token, the flow), then the machinery the flow carries ({@link Flow.pendingLogins}, the kit's
 * `pendingLogins`), so only a product with a flow that can be split bundles it. Internal.
 */
import { assertLoginAllowed, chooseStore, saveLogin } from './login.js'
import { readable } from './lookup.js'
import { PENDING_ACCOUNT_PREFIX } from './pending-key.js'
import { removePending } from './remove-pending.js'
import { loginContext, loginRequired, loginSuggestion, type SessionSettings } from './settings.js'
import type { BeginLoginOptions, BeginLoginResult, ResumeLoginOptions, ResumeLoginResult } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { ErrorCode } from '../errors/codes.js'
import type { AuthError } from '../errors/auth-error.js'
import { withFileLock } from '../fs/with-file-lock.js'
import type { CredentialKey, CredentialStore, Flow } from '../model/types.js'

/** A flow that can be split, with its machinery. Internal. */
export type SplitFlow = Flow & Required<Pick<Flow, 'begin' | 'pollOnce'>>

/** Where a pending login is kept. Internal. */
export interface PendingAt {
  store: CredentialStore
  key: CredentialKey
  handle: string
}

/**
 * The session's parts the machinery uses, handed to it by the session (which bundles them
 * anyway), so the flow that carries the machinery does not bring a second copy of the session
 * to a product that uses the flow alone. Internal.
 */
const parts = { chooseStore, saveLogin, loginContext, loginSuggestion, removePending, notPending, pendingKey, withFileLock }
export type SessionParts = typeof parts

/** What the kit's `pendingLogins` is behind its opaque type. Internal. */
export interface PendingLoginMachinery {
  readonly supports: 'pending-login'
  begin(s: SessionSettings, p: SessionParts, flow: SplitFlow, options: BeginLoginOptions): Promise<BeginLoginResult>
  resume(s: SessionSettings, p: SessionParts, flow: SplitFlow, at: PendingAt, options: ResumeLoginOptions): Promise<ResumeLoginResult>
}

const HANDLE = /^[A-Za-z0-9_-]{16,64}$/

/**
 * Begins a login with `kind` (default the first flow).
 * @throws ConfigError `USAGE_ERROR` (exit 2) when the flow cannot begin a login without waiting.
 */
export async function beginSplitLogin(s: SessionSettings, kind: string | undefined, options: BeginLoginOptions = {}): Promise<BeginLoginResult> {
  await assertLoginAllowed(s)
  const { flow, machinery } = await splitFlow(s, kind)
  return machinery.begin(s, parts, flow, options)
}

/**
 * Resumes the login `handle` names, in the store that holds it.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no such login is pending for the host.
 */
export async function resumeSplitLogin(s: SessionSettings, handle: string, options: ResumeLoginOptions = {}): Promise<ResumeLoginResult> {
  if (typeof handle !== 'string' || !HANDLE.test(handle)) {
    throw new ConfigError('the login handle is malformed', { code: ErrorCode.USAGE_ERROR, hint: 'pass the "handle" printed by the login that began it' })
  }
  await assertLoginAllowed(s)
  const key = pendingKey(s, handle)
  for (const store of s.stores) {
    const held = await readable(s, store, () => store.get(key))
    if (!held) continue
    const { flow, machinery } = await splitFlow(s, held.flow)
    return machinery.resume(s, parts, flow, { store, key, handle }, options)
  }
  throw notPending(s, handle)
}

/** The "no such pending login" error. Internal. */
export function notPending(s: SessionSettings, handle: string): AuthError {
  return loginRequired(s, `no login ${handle} is pending for ${s.host}: it finished, was superseded by a newer one, or expired`)
}

/** Where the pending login `handle` is kept. Internal. */
export function pendingKey(s: SessionSettings, handle: string): CredentialKey {
  return { host: s.host, account: `${PENDING_ACCOUNT_PREFIX}${handle}` }
}

async function splitFlow(s: SessionSettings, kind: string | undefined): Promise<{ flow: SplitFlow; machinery: PendingLoginMachinery }> {
  const flow = await s.resolveFlow(kind)
  const machinery = flow?.pendingLogins as PendingLoginMachinery | undefined
  if (!flow?.begin || !flow.pollOnce || machinery?.supports !== 'pending-login') {
    throw new ConfigError(`the ${flow?.kind ?? kind ?? 'default'} login cannot be begun and resumed later`, {
      code: ErrorCode.USAGE_ERROR,
      // In the product's words: its begin command when it has one (a device login), else its plain login.
      hint: `run \`${s.beginCommand ?? s.loginCommand}\``,
    })
  }
  return { flow: flow as SplitFlow, machinery }
}
