import { ConfigError, ErrorCode } from '@auth/core'
import type { ExecCredential } from '@auth/credential-helpers'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { formatJson } from '../render.js'
import { indexAnswers, recordRenewed, recordTokenIndex } from '../record-token-index.js'
import { profileSession } from '../session.js'

/** `auth token`'s own option (`--host` and `--profile` are global): `--format k8s` prints a kubectl `ExecCredential`. */
export interface AuthTokenOptions {
  format?: 'k8s'
}

/** What `auth token` found; `--json` prints it as is. */
export interface AuthTokenResult {
  token: string
  /** Where it came from: `env:AUTHCLI_TOKEN`, `file`, `keychain`, ... */
  source: string
  host: string | null
  account: string | null
  /** ISO time, or `null` when the token does not expire (or is not known to). */
  expiresAt: string | null
  /** Whether it was renewed just now. */
  refreshed: boolean
  /** `--format k8s`: the `ExecCredential` to print, in the `apiVersion` `KUBERNETES_EXEC_INFO` asked for. */
  k8s?: ExecCredential
}

/**
 * `auth token [--format k8s]`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for another format.
 */
export function parseAuthTokenOptions({ opts }: ParseInput): AuthTokenOptions {
  if (opts.format === undefined) return {}
  if (opts.format !== 'k8s')
    throw new ConfigError(`--format must be k8s (got "${String(opts.format).slice(0, 20)}")`, {
      code: ErrorCode.USAGE_ERROR,
      hint: 'kubeconfig: exec: { command: authcli, args: [auth, token, --format, k8s] }',
    })
  return { format: 'k8s' }
}

/**
 * The access token to use: `AUTHCLI_TOKEN` as is, else the profile's stored token, renewed first
 * (refresh token, or a new client-credentials grant) when it expires within 60 s and written
 * back to the store it came from. A valid stored token costs one store read and no network.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when there is no credential or it cannot be renewed.
 * @throws StorageError `STORAGE_ERROR` (exit 6), NetworkError (exit 5) on the way.
 */
export async function runAuthToken(options: AuthTokenOptions, ctx: CliContext): Promise<AuthTokenResult> {
  // kubectl's request is checked before anything is renewed. The helpers load only for
  // --format k8s: the plain `auth token` (the hot path) never loads them.
  const helpers = options.format === 'k8s' ? await import('@auth/credential-helpers') : undefined
  const info = helpers?.parseExecInfo(ctx.env.KUBERNETES_EXEC_INFO)
  const session = profileSession(ctx)
  // The next identical run answers from the token index, without loading the CLI (hot-token.ts).
  const record = recordTokenIndex(ctx, session)
  // A token the index pointed at that only expired with time: once renewed, it is recorded again,
  // by the same rule on the state the renewal left (the other processes started with this one
  // wait for the index to answer: hot-token.ts). Where the index did not answer before (a file
  // changed), the next run records, as before: 20 processes of such a race do not all write it.
  const indexed = indexAnswers(ctx)
  const found = await session.auth.getCredential({ noLogin: true })
  await record(found)
  if (found.refreshed && indexed) await recordRenewed(ctx, session)
  const { credential, source, key, refreshed } = found
  return {
    token: credential.accessToken,
    source,
    host: key?.host ?? null,
    account: key?.account ?? null,
    expiresAt: credential.expiresAt === undefined || key === undefined ? null : new Date(credential.expiresAt).toISOString(),
    refreshed,
    ...(helpers !== undefined && { k8s: helpers.execCredential(credential.accessToken, key === undefined ? undefined : credential.expiresAt, info) }),
  }
}

/**
 * The token alone and a newline on stdout; `--json`: {@link AuthTokenResult}; `--format k8s`:
 * an `ExecCredential` (`client.authentication.k8s.io/v1`, or the `apiVersion` kubectl asked
 * for) with `status.token` and, when known, `status.expirationTimestamp`.
 */
export function renderAuthToken(result: AuthTokenResult, ctx: CliContext): void {
  if (result.k8s !== undefined) return ctx.out.write(`${JSON.stringify(result.k8s)}\n`)
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  ctx.out.line(result.token)
}

export const authTokenCommand: CommandSpec<AuthTokenOptions, AuthTokenResult> = {
  id: 'auth token',
  parse: parseAuthTokenOptions,
  run: runAuthToken,
  render: renderAuthToken,
}
