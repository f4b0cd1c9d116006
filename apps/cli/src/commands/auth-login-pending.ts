import { AuthError, ConfigError, ErrorCode, ExitCode, PENDING_ACCOUNT_PREFIX, probeStore, type BeginLoginResult } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from '../app.js'
import type { CliContext } from '../context.js'
import { formatJson } from '../render.js'
import { loginRequired } from '../profile-credential.js'
import { profileSession } from '../session.js'
import { createStores } from '../stores/create-stores.js'
import { profileFlags, type AuthLoginOptions } from './auth-login-options.js'
import type { AuthLoginResult } from './auth-login.js'
import { recordLogin } from './record-login.js'

/** What `auth login --begin` prints on stdout with `--json` (CLI.md): no secret. */
export interface BeginJson {
  handle: string
  user_code: string
  verification_uri: string
  verification_uri_complete?: string
  expires_in: number
  interval: number
}

/** What `auth login --resume HANDLE` did: logged in, or (`--no-wait`) still pending. */
export type ResumeOutcome = { status: 'done'; login: AuthLoginResult } | { status: 'pending'; handle: string; retryAfter: number; expiresIn: number }

/**
 * `auth login --device --begin`: the session's `beginLogin` (the device code asked for, the
 * pending state kept in the credential store), nothing waited for.
 * @throws ConfigError `USAGE_ERROR` (exit 2) without a host, or with `--store memory` (it would be forgotten at once).
 */
export async function runBeginLogin(options: AuthLoginOptions, ctx: CliContext): Promise<BeginLoginResult> {
  const profile = ctx.resolveProfile(profileFlags(options), { allowInsecure: options.insecure })
  if (profile.host === undefined) throw usage('no host to log in to', `pass --host URL, set ${ENV_PREFIX}_HOST, or run '${CLI_NAME} config set host URL'`)
  if ((options.store ?? profile.store) === 'memory') throw usage('--begin cannot keep the pending login in the memory store (it is forgotten when this command ends)', 'choose another --store')
  const { auth } = profileSession(ctx, { profile, login: options })
  return auth.beginLogin('device', { output: { info: (m) => ctx.err.line(m), warn: (m) => ctx.warn(m) } })
}

/** The begin result as CLI.md's JSON; text: the code, the page and the resume command on stderr. */
export function renderBeginLogin(result: BeginLoginResult, ctx: CliContext): void {
  const json: BeginJson = {
    handle: result.handle,
    user_code: result.userCode,
    verification_uri: result.verificationUri,
    ...(result.verificationUriComplete !== undefined && { verification_uri_complete: result.verificationUriComplete }),
    expires_in: result.expiresIn,
    interval: result.interval,
  }
  if (ctx.globals.json) return ctx.out.write(formatJson(json))
  ctx.err.line(`Enter the code ${result.userCode} at ${result.verificationUri} (within ${Math.floor(result.expiresIn / 60)} min).`)
  ctx.err.line(`Then run: ${CLI_NAME} auth login --resume ${result.handle}`)
  ctx.out.line(result.handle)
}

/**
 * `auth login --resume HANDLE [--no-wait]`: the session's `resumeLogin` for the host the handle
 * was begun for (`--host` / `--profile`, else found by the handle in the stores), then the login
 * recorded in the config as any login is.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) for a handle nothing holds; `ACCESS_DENIED`,
 *   `DEVICE_CODE_EXPIRED` (exit 4); NetworkError (exit 5; the login stays pending).
 */
export async function runResumeLogin(options: AuthLoginOptions, ctx: CliContext): Promise<ResumeOutcome> {
  const handle = options.resume as string
  const named = ctx.globals.host !== undefined || ctx.globals.profile !== undefined
  const host = named ? undefined : await pendingHost(ctx, handle)
  const resolved = ctx.resolveProfile({ ...profileFlags(options), ...(host !== undefined && { host }) }, { allowInsecure: true })
  if (resolved.host === undefined) {
    throw loginRequired(`no login ${handle} is pending: it finished, was superseded by a newer one, or expired`, `begin a new one: run \`${CLI_NAME} auth login --device --begin --json --host URL\``)
  }
  const profile = { ...resolved, host: resolved.host }
  const { auth } = profileSession(ctx, { profile, login: options })
  const result = await auth.resumeLogin(handle, {
    wait: options.wait !== false,
    output: { info: (m) => ctx.err.line(m), warn: (m) => ctx.warn(m) },
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  })
  if (result.status === 'pending') return { status: 'pending', handle, retryAfter: result.retryAfter, expiresIn: result.expiresIn }
  const { key, store, credential } = result
  // The profile records what the login was begun with (the credential carries it), not this run's defaults.
  const issuer = credential.issuer !== undefined && credential.issuer.replace(/\/+$/, '') !== profile.host ? credential.issuer : undefined
  const begun = { ...options, ...(issuer !== undefined && { issuer }) }
  const recorded = { ...profile, ...(credential.clientId !== undefined && { clientId: credential.clientId }) }
  const name = await recordLogin(ctx, { options: begun, profile: recorded, flow: 'device', store: store.kind, account: key.account })
  return { status: 'done', login: { host: profile.host, account: key.account, flow: 'device', store: store.kind, profile: name } }
}

/**
 * Done: as `auth login` renders. Pending: `{"status":"pending","handle","retry_after","expires_in"}`
 * on stdout, then `LOGIN_PENDING` (exit 3) on stderr.
 * @throws AuthError `LOGIN_PENDING` (exit 3) while the login is pending.
 */
export function renderResumeLogin(outcome: ResumeOutcome, ctx: CliContext, renderLogin: (result: AuthLoginResult, ctx: CliContext) => void): void {
  if (outcome.status === 'done') return renderLogin(outcome.login, ctx)
  const { handle, retryAfter, expiresIn } = outcome
  if (ctx.globals.json) ctx.out.write(formatJson({ status: 'pending', handle, retry_after: retryAfter, expires_in: expiresIn }))
  throw new AuthError(`the login is still pending (the code expires in ${expiresIn} s)`, {
    code: ErrorCode.LOGIN_PENDING,
    exitCode: ExitCode.PENDING,
    hint: `run \`${CLI_NAME} auth login --resume ${handle} --no-wait\` again in ${retryAfter} s, or without --no-wait to wait`,
  })
}

/** The host whose store holds the pending login `handle`, when one does. */
async function pendingHost(ctx: CliContext, handle: string): Promise<string | undefined> {
  const account = `${PENDING_ACCOUNT_PREFIX}${handle}`
  for (const store of createStores(ctx).lookup) {
    try {
      if (store.probeBeforeRead === true && !(await probeStore(store, 3000)).available) continue
      const key = (await store.list()).find((k) => k.account === account)
      if (key) return key.host
    } catch (error) {
      ctx.logger.debug(`the ${store.kind} store was not searched for the pending login: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return undefined
}

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}
