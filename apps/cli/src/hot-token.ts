import { DEFAULT_SKEW_MS, fileSignature, freshAt, isSingleToken, readTokenIndex } from '@auth/core/token-index'
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
 * What `authcli auth token` prints, answered from the token index without loading the CLI:
 * `AUTHCLI_TOKEN`, or a fresh token in the file store, when an earlier full run with the same
 * flags and environment recorded where it was and none of the files it read has changed since
 * (see `@auth/core/token-index`); or `AUTHCLI_TOKEN` with no config folder at all
 * ({@link bareEnvToken}). `undefined` whenever that is not certain (see {@link tokenIndexInputs}
 * for the environments it never answers in): the full CLI then
 * runs, with its errors, refresh and warnings, and records the answer for the next run.
 * @example `const token = hotToken(['auth', 'token'], process.env, homedir())`
 */
export function hotToken(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, homeDir: string): string | undefined {
  const flags = hotTokenFlags(argv)
  const dir = flags && tokenIndexDir(env, homeDir)
  if (flags === undefined || dir === undefined) return undefined
  const inputs = tokenIndexInputs(flags, env, homeDir)
  if (inputs === undefined) return undefined
  const entry = readTokenIndex(dir, inputs)
  if (entry === undefined) return bareEnvToken(flags, env, dir)
  if (entry.token.kind === 'env') return envToken(env)
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
