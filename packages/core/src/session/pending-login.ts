/**
 * A login that does not block (agents, IDE plugins, chat bots): `begin` runs the flow's first
 * half and keeps the pending state, whose secret is the device code, in the credential store
 * the login will write to; `resume` runs the second half, once or to the end, in this process or
 * another. The session's `beginLogin` / `resumeLogin` reach it through the flow that can be split
 * (`pendingLogins`, exported by the kit): a product without such a flow does not bundle it.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { PendingAt, PendingLoginMachinery, SessionParts, SplitFlow } from './split-login.js'
import type { SessionSettings } from './settings.js'
import type { AuthLoginResult, BeginLoginOptions, BeginLoginResult, ResumeLoginOptions, ResumeLoginResult } from './types.js'
import { AuthError } from '../errors/auth-error.js'
import { AuthenticationError, CancelledError, StorageError } from '../errors/classes.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { isRecord } from '../kit/assert.js'
import { registerSecret } from '../redact/secrets.js'
import type { Credential, CredentialKey, CredentialStore, Flow, LoginContext, PendingLogin, PendingLoginSupport } from '../model/types.js'

/**
 * The session machinery of logins that do not block: a flow that can be split (`begin`,
 * `pollOnce`) carries it as `pendingLogins`, so a session's `beginLogin` / `resumeLogin` work
 * with it and products whose flows cannot be split never bundle it.
 * @example
 * ```ts
 * import { pendingLogins } from '@auth/core/kit'
 * const flow: Flow = { kind: 'device', login, begin, pollOnce, pendingLogins }
 * ```
 */
export const pendingLogins: PendingLoginSupport = {
  supports: 'pending-login',
  begin: sessionBeginLogin,
  resume: sessionResumeLogin,
} satisfies PendingLoginMachinery as PendingLoginSupport

const RECORD_TYPE = 'pending-login'

/** What a pending record holds besides the credential-shaped envelope. */
interface PendingRecord {
  pending: PendingLogin
  /** Epoch ms before which the server must not be asked again (its `interval`, `slow_down`). */
  nextPollAt: number
  /** The store choice's warning (a plain-text fallback), said again once the credential is saved. */
  warning?: string
}

/**
 * Begins a login with `flow`: its `begin`, the pending state stored under a new handle in the
 * store the login will write to, any earlier pending login for the host deleted (the new one
 * supersedes it).
 */
async function sessionBeginLogin(s: SessionSettings, p: SessionParts, flow: SplitFlow, options: BeginLoginOptions): Promise<BeginLoginResult> {
  const { store: storeKind, ...contextOptions } = options
  const ctx = p.loginContext(s, { ...contextOptions, interactive: false })
  const { store, warning } = await p.chooseStore(s, ctx, storeKind)
  const pending = await begin(flow, ctx)
  const superseded = await p.removePending(s, (key) => key.host === s.host)
  const handle = randomBytes(12).toString('base64url')
  const now = s.now()
  await store.set(p.pendingKey(s, handle), envelope(flow.kind, { pending, nextPollAt: now + pending.intervalMs, ...(warning !== undefined && { warning }) }, now))
  // The pending state (its device code is a secret) went where the login will: a fallback is never silent.
  if (warning !== undefined) ctx.output?.warn(warning)
  s.logger.debug(`began a ${flow.kind} login for ${s.host}; pending state in the ${store.kind} store${superseded > 0 ? ` (superseding ${superseded})` : ''}`)
  return {
    handle,
    userCode: pending.userCode,
    verificationUri: pending.verificationUri,
    ...(pending.verificationUriComplete !== undefined && { verificationUriComplete: pending.verificationUriComplete }),
    expiresIn: Math.max(0, Math.floor((pending.expiresAt - now) / 1000)),
    interval: Math.ceil(pending.intervalMs / 1000),
    store: store.kind,
    superseded,
  }
}

/**
 * Resumes the login `handle` names: asks the server (never before the next allowed time,
 * `slow_down` included, across processes), once with `wait: false`, else until it is done.
 * Done: the credential is stored as a login's is, in the store that held the pending state, and
 * the pending state deleted. Denied or expired: the pending state deleted, the flow's error
 * thrown. A network failure keeps it, so the login can be resumed again.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no such login is pending for the host.
 */
async function sessionResumeLogin(s: SessionSettings, p: SessionParts, flow: SplitFlow, { store, key, handle }: PendingAt, options: ResumeLoginOptions): Promise<ResumeLoginResult> {
  const { wait = true, account, timeoutMs, ...contextOptions } = options
  const ctx = p.loginContext(s, { ...contextOptions, interactive: false })
  const signal = timeoutMs === undefined ? ctx.signal : ctx.signal ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs)
  const polling = { ...ctx, ...(signal && { signal }) }
  // One process asks at a time (two resumes of one handle never spend the device code twice):
  // each step re-reads the state under a lock beside the refresh locks.
  const lock = join(s.dir, '.locks', `pending-${handle}`)
  for (;;) {
    const step = await p.withFileLock(lock, () => pollStep(s, p, flow, { store, key, handle, account }, polling), {
      timeoutMs: s.lockTimeoutMs,
      logger: s.logger,
      purpose: `resuming the same ${s.name} login`,
      ...(signal && { signal }),
    })
    if (step.status === 'done') return step
    if (!wait) return { status: 'pending', retryAfter: Math.ceil(step.waitMs / 1000), expiresIn: step.expiresIn }
    if (step.status === 'wait') await sleep(step.waitMs, signal, timeoutMs)
  }
}

type Step = ({ status: 'done' } & AuthLoginResult) | { status: 'wait' | 'polled'; waitMs: number; expiresIn: number }

/**
 * One step under the lock: the state read again (another process may have finished, or asked
 * the server just now), then either the time to wait, or one ask and its outcome stored.
 */
async function pollStep(
  s: SessionSettings,
  p: SessionParts,
  flow: Flow & Required<Pick<Flow, 'pollOnce'>>,
  { store, key, handle, account }: { store: CredentialStore; key: CredentialKey; handle: string; account: string | undefined },
  ctx: LoginContext,
): Promise<Step> {
  const held = await store.get(key)
  if (!held) throw p.notPending(s, handle)
  const record = await parseOrRemove(store, key, held)
  const now = s.now()
  if (now >= record.pending.expiresAt) {
    await store.delete(key)
    throw new AuthenticationError('the device code expired before the login was approved', {
      code: ErrorCode.DEVICE_CODE_EXPIRED,
      hint: `begin a new login: run \`${s.beginCommand ?? s.loginCommand}\``,
      login: p.loginSuggestion(s),
    })
  }
  const expiresIn = (at: number) => Math.floor((record.pending.expiresAt - at) / 1000)
  if (record.nextPollAt > now) return { status: 'wait', waitMs: Math.min(record.nextPollAt, record.pending.expiresAt) - now, expiresIn: expiresIn(now) }
  const answer = await pollOnce(s, p, flow, record, ctx, { store, key })
  if (answer.status === 'done') {
    const saved = await p.saveLogin(s, ctx, { obtained: answer.credential, store, account, ...(record.warning !== undefined && { warning: record.warning }) })
    await store.delete(key)
    return { status: 'done', ...saved }
  }
  record.pending.intervalMs = answer.intervalMs
  record.nextPollAt = s.now() + answer.intervalMs
  await store.set(key, envelope(flow.kind, record, s.now()))
  return { status: 'polled', waitMs: answer.intervalMs, expiresIn: expiresIn(s.now()) }
}

async function begin(flow: Flow & Required<Pick<Flow, 'begin'>>, ctx: LoginContext): Promise<PendingLogin> {
  const pending = checkPending(await flow.begin(ctx), `the ${flow.kind} flow`)
  registerSecret(pending.secret)
  return pending
}

/** One ask; a refusal or an expiry deletes the pending state, anything else keeps it for another resume. */
async function pollOnce(
  s: SessionSettings,
  p: SessionParts,
  flow: Flow & Required<Pick<Flow, 'pollOnce'>>,
  record: PendingRecord,
  ctx: LoginContext,
  { store, key }: { store: CredentialStore; key: CredentialKey },
) {
  try {
    return await flow.pollOnce(record.pending, ctx)
  } catch (error) {
    if (AuthError.isInstance(error) && error.exitCode === ExitCode.AUTH) {
      await store.delete(key)
      throw withLogin(p.loginSuggestion(s), error)
    }
    record.nextPollAt = s.now() + record.pending.intervalMs
    await store.set(key, envelope(flow.kind, record, s.now())).catch(() => {})
    throw error
  }
}

/** A refusal or an expiry, with the product's login commands (`login.begin`: start again) for whoever reads `--json`. */
function withLogin(login: { command: string; begin?: string }, error: AuthError): AuthError {
  if (error.login !== undefined) return error
  return new AuthenticationError(error.message, {
    code: error.code,
    exitCode: error.exitCode,
    ...(error.hint !== undefined && { hint: error.hint }),
    ...(error.hintKey !== undefined && { hintKey: error.hintKey }),
    login,
    cause: error,
  })
}

/** The stored state, checked; an entry that does not parse is removed, and is a `STORAGE_ERROR`. */
async function parseOrRemove(store: CredentialStore, key: CredentialKey, held: Credential): Promise<PendingRecord> {
  try {
    return parseEnvelope(held)
  } catch (error) {
    await store.delete(key)
    throw error
  }
}

/** The pending record as a credential-shaped entry: the whole state (with the secret) in `accessToken`, where every store keeps its secrets. */
function envelope(kind: string, record: PendingRecord, now: number): Credential {
  const { pending } = record
  return {
    accessToken: JSON.stringify({ v: 1, ...record }),
    tokenType: RECORD_TYPE,
    flow: kind,
    scopes: [...pending.scopes],
    account: {},
    expiresAt: pending.expiresAt,
    obtainedAt: now,
    ...(pending.issuer !== undefined && { issuer: pending.issuer }),
    ...(pending.clientId !== undefined && { clientId: pending.clientId }),
  }
}

function parseEnvelope(held: Credential): PendingRecord {
  const bad = () => new StorageError('the stored pending login is unreadable (it was removed)', { hint: 'begin a new login' })
  if (held.tokenType !== RECORD_TYPE) throw bad()
  let value: unknown
  try {
    value = JSON.parse(held.accessToken)
  } catch {
    throw bad()
  }
  if (!isRecord(value) || value.v !== 1 || typeof value.nextPollAt !== 'number' || !Number.isFinite(value.nextPollAt)) throw bad()
  try {
    const pending = checkPending(value.pending, 'the stored pending login')
    registerSecret(pending.secret)
    const warning = typeof value.warning === 'string' && value.warning.length <= 1000 && !/[\u0000-\u001f\u007f]/.test(value.warning) ? value.warning : undefined
    return { pending, nextPollAt: value.nextPollAt, ...(warning !== undefined && { warning }) }
  } catch {
    throw bad()
  }
}

/** Checks a {@link PendingLogin} field by field (a flow's answer, or a store's entry that may have been changed). */
function checkPending(value: unknown, from: string): PendingLogin {
  const fail = (field: string): never => {
    throw new StorageError(`${from} gave a malformed pending login: ${field}`)
  }
  if (!isRecord(value)) return fail('not an object')
  const text = (field: string, optional = false): string | undefined => {
    const v = value[field]
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || v === '' || v.length > 4096 || /[\u0000-\u001f\u007f]/.test(v)) fail(`"${field}"`)
    return v as string
  }
  const number = (field: string): number => {
    const v = value[field]
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fail(`"${field}"`)
  }
  const scopes = value.scopes
  if (!Array.isArray(scopes) || !scopes.every((x) => typeof x === 'string')) fail('"scopes"')
  const complete = text('verificationUriComplete', true)
  const issuer = text('issuer', true)
  const clientId = text('clientId', true)
  return {
    secret: text('secret') as string,
    userCode: text('userCode') as string,
    verificationUri: text('verificationUri') as string,
    ...(complete !== undefined && { verificationUriComplete: complete }),
    expiresAt: number('expiresAt'),
    intervalMs: Math.min(number('intervalMs'), 3_600_000),
    ...(issuer !== undefined && { issuer }),
    ...(clientId !== undefined && { clientId }),
    scopes: [...(scopes as string[])],
  }
}

/** Waits `ms`; an abort ends it (`LOGIN_TIMEOUT` when the timeout did it, else `CANCELLED`). */
function sleep(ms: number, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer)
      const timedOut = (signal?.reason as { name?: string } | undefined)?.name === 'TimeoutError'
      reject(
        timedOut && timeoutMs !== undefined
          ? new AuthenticationError(`the login was not approved within ${timeoutMs / 1000} s; it is still pending`, { code: ErrorCode.LOGIN_TIMEOUT, hint: 'resume it again' })
          : new CancelledError('interrupted while waiting for the login'),
      )
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', stop)
        resolve()
      },
      Math.max(0, ms),
    )
    if (signal?.aborted) stop()
    else signal?.addEventListener('abort', stop, { once: true })
  })
}
