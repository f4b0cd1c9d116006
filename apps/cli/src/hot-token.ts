import { DEFAULT_SKEW_MS, freshAt, readTokenIndex } from '@auth/core/token-index'
import { peekCredential } from '@auth/store-file/peek'
import { ENV_PREFIX } from './app.js'
import { tokenIndexDir, tokenIndexInputs, type TokenIndexFlags } from './token-index-inputs.js'

const VALUE_FLAGS = new Set(['--profile', '--host', '--config'])

/**
 * The flags of a command line that is exactly `auth token` with at most `--profile`, `--host`,
 * `--config` (each once, with a value) and `--no-color`; `undefined` for anything else.
 * @example `hotTokenFlags(['auth', 'token', '--profile=ci'])` is `{ profile: 'ci' }`
 */
export function hotTokenFlags(argv: readonly string[]): TokenIndexFlags | undefined {
  const flags: Record<string, string> = {}
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    if (VALUE_FLAGS.has(flag)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
      const name = flag.slice(2)
      if (value === undefined || value.startsWith('-') || name in flags) return undefined
      flags[name] = value
    } else if (arg === '--no-color') continue
    else if (arg.startsWith('-')) return undefined
    else words.push(arg)
  }
  return words.length === 2 && words[0] === 'auth' && words[1] === 'token' ? flags : undefined
}

/**
 * What `authcli auth token` prints, answered from the token index without loading the CLI:
 * `AUTHCLI_TOKEN`, or a fresh token in the file store, when an earlier full run with the same
 * flags and environment recorded where it was and none of the files it read has changed since
 * (see `@auth/core/token-index`). `undefined` whenever that is not certain: the full CLI then
 * runs, with its errors, refresh and warnings, and records the answer for the next run.
 * @example `const token = hotToken(['auth', 'token'], process.env, homedir())`
 */
export function hotToken(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, homeDir: string): string | undefined {
  const flags = hotTokenFlags(argv)
  const dir = flags && tokenIndexDir(env, homeDir)
  const entry = dir === undefined ? undefined : readTokenIndex(dir, tokenIndexInputs(flags as TokenIndexFlags, env, homeDir))
  if (entry === undefined) return undefined
  if (entry.token.kind === 'env') {
    const token = (env[`${ENV_PREFIX}_TOKEN`] ?? '').trim()
    return /^[\x21-\x7e]+$/.test(token) ? token : undefined
  }
  const credential = peekCredential(entry.token.file, entry.token.key, entry.files[entry.token.file])
  return credential !== undefined && freshAt(credential, Date.now(), DEFAULT_SKEW_MS) ? credential.accessToken : undefined
}
