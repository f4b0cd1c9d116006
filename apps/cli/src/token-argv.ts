/** The global flags with a value that `auth token` takes: they decide which token it prints. */
const VALUE_FLAGS = new Set(['--profile', '--host', '--config'])

/** An `auth token` command line, as {@link scanTokenArgv} read it. */
export interface TokenArgv {
  /** `--profile`, `--host`, `--config` by name without dashes: the last one given counts. */
  values: { profile?: string; host?: string; config?: string }
  /** The switches given, as typed (`--json`). */
  switches: string[]
}

/**
 * A command line that is exactly `auth token` plus global flags: `--profile`, `--host`,
 * `--config` with a value (`--flag value` or `--flag=value`) and the `switches` given.
 * `undefined` for anything else (help, a typo, an extra word, a flag without its value): the
 * caller leaves it to commander, which owns every error message. One reading for the hot path
 * (hot-token.ts) and the fast path that records what it answers from (fast-path.ts).
 * @example `scanTokenArgv(['auth', 'token', '--profile=ci'], new Set())` is `{ values: { profile: 'ci' }, switches: [] }`
 */
export function scanTokenArgv(argv: readonly string[], switches: ReadonlySet<string>): TokenArgv | undefined {
  const values: Record<string, string> = {}
  const given: string[] = []
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    if (VALUE_FLAGS.has(flag)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
      if (value === undefined || (eq === -1 && value.startsWith('-'))) return undefined
      values[flag.slice(2)] = value
    } else if (switches.has(arg)) given.push(arg)
    else if (arg.startsWith('-')) return undefined
    else words.push(arg)
  }
  return words.length === 2 && words[0] === 'auth' && words[1] === 'token' ? { values, switches: given } : undefined
}
