import {
  claimRefreshMarker,
  DEFAULT_SKEW_MS,
  fileSignature,
  freshAt,
  isSingleToken,
  readTokenIndex,
  readTokenIndexEntry,
  refreshMarkerPath,
  refreshMarkerState,
  unchangedFiles,
  waitForTokenIndex,
} from '@auth/core/token-index'
import { peekCredential } from '@auth/store-file/peek'
import { ENV_PREFIX } from './app.js'
import { scanTokenArgv } from './token-argv.js'
import { tokenIndexDir, tokenIndexInputs, type TokenIndexFlags } from './token-index-inputs.js'

const SWITCHES: ReadonlySet<string> = new Set(['--no-color'])

/**
 * The flags of a command line that is exactly `auth token` with at most `--profile`, `--host`,
 * `--config` (with a value) and `--no-color`, read as the fast path reads them ({@link scanTokenArgv});
 * `undefined` for anything else.
 * @example `hotTokenFlags(['auth', 'token', '--profile=ci'])` is `{ profile: 'ci' }`
 */
export function hotTokenFlags(argv: readonly string[]): TokenIndexFlags | undefined {
  return scanTokenArgv(argv, SWITCHES)?.values
}

/**
 * What the hot path does for `authcli auth token`:
 * - `token`: print it (the index answered, at once or after another process renewed);
 * - `lead`: this process renews: run the full CLI, and call `release` when the process ends;
 * - `undefined`: run the full CLI.
 */
export type HotAnswer = { kind: 'token'; token: string } | { kind: 'lead'; release: () => void } | undefined

/**
 * What `authcli auth token` prints, answered from the token index without loading the CLI:
 * `AUTHCLI_TOKEN`, or a fresh token in the file store, when an earlier full run with the same
 * flags and environment recorded where it was and none of the files it read has changed since
 * (see `@auth/core/token-index`); or `AUTHCLI_TOKEN` with no config folder at all
 * ({@link bareEnvToken}). `undefined` whenever that is not certain (see {@link tokenIndexInputs}
 * for the environments it never answers in): the full CLI then
 * runs, with its errors, refresh and warnings, and records the answer for the next run.
 *
 * When the indexed credential is there, unchanged, but no longer fresh and renewable, processes
 * started at once elect one leader (a marker next to the index: `claimRefreshMarker`): the
 * leader runs the full CLI, which renews under the refresh lock and records the index again;
 * the others wait for the index to answer (`waitForTokenIndex`), and run the full CLI only if
 * it does not (the renewal failed, the leader died, a bound passed). A process that finds the
 * entry changed (the leader rewrote the credentials file) waits too while the leader lives.
 * Every token printed here is one the index answered with, never a stale one.
 * @example `const answer = hotToken(['auth', 'token'], process.env, homedir())`
 */
export function hotToken(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, homeDir: string): HotAnswer {
  const flags = hotTokenFlags(argv)
  const dir = flags && tokenIndexDir(env, homeDir)
  if (flags === undefined || dir === undefined) return undefined
  const inputs = tokenIndexInputs(flags, env, homeDir)
  if (inputs === undefined) return undefined
  const recorded = readTokenIndexEntry(dir, inputs)
  const entry = recorded !== undefined && unchangedFiles(recorded) ? recorded : undefined
  const token = entry === undefined ? bareEnvToken(flags, env, dir) : entry.token.kind === 'env' ? envToken(env) : undefined
  if (token !== undefined) return { kind: 'token', token }
  if (recorded?.token.kind !== 'store') return undefined
  const { file, key } = recorded.token
  const marker = refreshMarkerPath(dir, file, key)
  const follow = (): HotAnswer => {
    // The same lookup again, each time the index may have been recorded anew.
    const waited = waitForTokenIndex(marker, () => freshStoreToken(dir, inputs))
    return waited === undefined ? undefined : { kind: 'token', token: waited }
  }
  // Changed since it was recorded: while a leader renews this credential (it rewrote the
  // credentials file and is about to record the index again), wait for it; else the full CLI.
  if (entry === undefined) return refreshMarkerState(marker) === 'live' ? follow() : undefined
  const credential = peekCredential(file, key, entry.files[file])
  if (credential === undefined) return undefined
  if (freshAt(credential, Date.now(), DEFAULT_SKEW_MS)) return { kind: 'token', token: credential.accessToken }
  if (credential.refreshable !== true) return undefined
  const claim = claimRefreshMarker(marker)
  return claim.role === 'lead' ? { kind: 'lead', release: claim.release } : claim.role === 'follow' ? follow() : undefined
}

/** The indexed file-store token when the index for `inputs` answers and it is fresh: the hot path's own rule. */
function freshStoreToken(dir: string, inputs: string): string | undefined {
  const entry = readTokenIndex(dir, inputs)
  if (entry?.token.kind !== 'store') return undefined
  const credential = peekCredential(entry.token.file, entry.token.key, entry.files[entry.token.file])
  return credential !== undefined && freshAt(credential, Date.now(), DEFAULT_SKEW_MS) ? credential.accessToken : undefined
}

/** `AUTHCLI_TOKEN` when it holds one token (as the session's env link checks it). */
function envToken(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const token = (env[`${ENV_PREFIX}_TOKEN`] ?? '').trim()
  return isSingleToken(token) ? token : undefined
}

/**
 * `AUTHCLI_TOKEN` where there is nothing else it could depend on, so no index is needed (a CI
 * job, a container): no config folder at all, no `--profile`/`--host`/`--config`, and no other
 * `AUTHCLI_*` variable than the token and `AUTHCLI_CONFIG_DIR`. The full CLI would read no file,
 * resolve no host and hand out the variable as is.
 */
function bareEnvToken(flags: TokenIndexFlags, env: Readonly<Record<string, string | undefined>>, dir: string): string | undefined {
  if (Object.keys(flags).length > 0) return undefined
  const others = Object.keys(env).filter((name) => name.startsWith(`${ENV_PREFIX}_`) && name !== `${ENV_PREFIX}_TOKEN` && name !== `${ENV_PREFIX}_CONFIG_DIR`)
  return others.length === 0 && fileSignature(dir) === 'missing' ? envToken(env) : undefined
}
