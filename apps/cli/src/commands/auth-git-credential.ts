import { AuthError, ConfigError, ErrorCode, NetworkError, NotFoundError, type SessionCredential } from '@auth/core'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { matchesHost, parseGitCredentialInput, readGitCredentialInput, type GitCredentialRequest } from '../git-credential-input.js'
import { READ_ONLY } from '../profile-credential.js'
import { profileSession } from '../session.js'

/** `auth git-credential OPERATION`. */
export interface AuthGitCredentialOptions {
  /** `get`, `store` or `erase`; any other operation is ignored, as git's protocol asks. */
  operation: string
}

/** What `get` answers git; `undefined` when it has nothing (git then asks other helpers or the user). */
export interface GitCredentialAnswer {
  username: string
  password: string
  /** Unix seconds, for git 2.41+ (`password_expiry_utc`). */
  expiryUtc?: number
}

/** The user name git gets when the account is not known (client credentials, AUTHCLI_TOKEN). */
export const GIT_TOKEN_USERNAME = 'x-access-token'

/**
 * `auth git-credential OPERATION`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for an operation that is not a word.
 * @example `parseAuthGitCredentialOptions({ args: ['get'], ... })` is `{ operation: 'get' }`
 */
export function parseAuthGitCredentialOptions({ args }: ParseInput): AuthGitCredentialOptions {
  const operation = typeof args[0] === 'string' ? args[0].trim() : ''
  if (!/^[a-z][a-z-]{0,30}$/.test(operation)) {
    throw new ConfigError('OPERATION must be get, store or erase', { code: ErrorCode.USAGE_ERROR, hint: 'git runs it for you: git config credential.helper "!authcli auth git-credential"' })
  }
  return { operation }
}

/**
 * git's credential helper for the active host (or `--host` / `--profile`). `get` reads git's
 * request from stdin and, when its `protocol` and `host` strings are exactly the profile's
 * (lower-cased; `host:443`/`host:80` for a profile without a port; see {@link matchesHost}:
 * never a host that a URL parser would rewrite into it, such as `0x7f.0.0.1`, nor a plain-http
 * host off loopback), answers the access
 * token as the password (renewed first, as `auth token` does) and the account as the user
 * name; a request for another host, or a host with no credential, gets no answer (exit 0), so
 * git tries its other helpers. A `username` in the request picks that account's credential.
 * `store` and `erase` read the request and change nothing: `auth login` / `auth logout` manage
 * the credential, as `gh auth git-credential` does.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for malformed input (values are never echoed).
 * @throws AuthError when a renewal fails (exit 4 refused, 5 network) or a store fails (exit 6).
 * @see https://git-scm.com/docs/gitcredentials#_custom_helpers
 */
export async function runAuthGitCredential(options: AuthGitCredentialOptions, ctx: CliContext): Promise<GitCredentialAnswer | undefined> {
  const request = parseGitCredentialInput(await readGitCredentialInput(ctx.stdin, ctx.signal))
  if (options.operation !== 'get') {
    ctx.logger.debug(`git-credential ${options.operation}: nothing to do (auth login and auth logout manage the credential)`)
    return undefined
  }
  const host = ctx.resolveProfile({}, READ_ONLY).host
  if (host === undefined || !matchesHost(request, host)) {
    const why = host?.startsWith('http:') ? ' (another host, or plain http off loopback: never to git)' : ''
    ctx.logger.debug(`git-credential get: not for ${host ?? 'any configured host'}${why}; no answer`)
    return undefined
  }
  const account = wantedAccount(request)
  const current = await inForce(ctx, account)
  if (!current) {
    ctx.logger.debug(`git-credential get: not logged in to ${host}${account === undefined ? '' : ` as ${account}`}; no answer`)
    return undefined
  }
  const known = current.key?.account
  const username = account ?? (known !== undefined && known !== 'default' && current.credential.flow !== 'client-credentials' ? known : GIT_TOKEN_USERNAME)
  const { expiresAt } = current.credential
  return { username, password: current.credential.accessToken, ...(expiresAt !== undefined && { expiryUtc: Math.floor(expiresAt / 1000) }) }
}

/** The session's credential (renewed when needed), or `undefined` when nothing is stored for the host (a renewal that fails still throws). */
async function inForce(ctx: CliContext, account: string | undefined): Promise<SessionCredential | undefined> {
  try {
    return await profileSession(ctx, { account }).auth.getCredential({ noLogin: true })
  } catch (error) {
    // The session's "nothing stored": `LOGIN_REQUIRED` caused by the resolution chain's NotFoundError.
    if (AuthError.isInstance(error) && NotFoundError.isInstance(error.cause)) return undefined
    throw error
  }
}

function wantedAccount(request: GitCredentialRequest): string | undefined {
  const name = request.username?.trim()
  return name === undefined || name === '' || name === GIT_TOKEN_USERNAME ? undefined : name
}

/**
 * `username=...`, `password=...` and (when known) `password_expiry_utc=...` lines on stdout for
 * git; nothing when there is no answer.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when a value holds a line break (it would forge attributes).
 */
export function renderAuthGitCredential(answer: GitCredentialAnswer | undefined, ctx: CliContext): void {
  if (!answer) return
  if (/[\r\n\0]/.test(`${answer.username}${answer.password}`)) {
    throw new NetworkError('git-credential: the token holds a line break; it is not handed to git', { code: ErrorCode.BAD_RESPONSE, hint: 'log in again' })
  }
  ctx.out.write(`username=${answer.username}\npassword=${answer.password}\n${answer.expiryUtc === undefined ? '' : `password_expiry_utc=${answer.expiryUtc}\n`}`)
}

export const authGitCredentialCommand: CommandSpec<AuthGitCredentialOptions, GitCredentialAnswer | undefined> = {
  id: 'auth git-credential',
  parse: parseAuthGitCredentialOptions,
  run: runAuthGitCredential,
  render: renderAuthGitCredential,
}
