import { ConfigError, ErrorCode } from '@auth/core'

/** The flags every command accepts, parsed. */
export interface GlobalOptions {
  /** `--host URL`: the host to act on instead of the profile's. */
  host?: string
  /** `--profile NAME`: the profile to act on instead of the active one. */
  profile?: string
  /** `--config FILE`: the config file, over `AUTHCLI_CONFIG` and `AUTHCLI_CONFIG_DIR`. */
  config?: string
  /** `--json`: machine-readable output on stdout, errors as JSON on stderr. */
  json: boolean
  /** `--debug`: log what happens to stderr, secrets masked. */
  debug: boolean
  /** `false` with `--no-color`. */
  color: boolean
}

/**
 * Checks commander's merged option values (`cmd.optsWithGlobals()`) into {@link GlobalOptions}.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for an empty `--host`, `--profile` or `--config`.
 * @example `parseGlobalOptions({ json: true, color: true })` is `{ json: true, debug: false, color: true }`
 */
export function parseGlobalOptions(raw: Readonly<Record<string, unknown>>): GlobalOptions {
  const globals: GlobalOptions = {
    json: raw.json === true,
    debug: raw.debug === true,
    color: raw.color !== false,
  }
  for (const name of ['host', 'profile', 'config'] as const) {
    const value = raw[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ConfigError(`--${name} needs a non-empty value`, { code: ErrorCode.USAGE_ERROR })
    }
    globals[name] = value.trim()
  }
  return globals
}

/**
 * The output-shaping flags read straight from argv, for rendering an error that happened
 * before (or while) commander parsed them.
 * @example `scanOutputFlags(['config', 'nope', '--json'])` is `{ json: true, debug: false, color: true }`
 */
export function scanOutputFlags(argv: readonly string[]): Pick<GlobalOptions, 'json' | 'debug' | 'color'> {
  const end = argv.indexOf('--')
  const args = end === -1 ? argv : argv.slice(0, end)
  return { json: args.includes('--json'), debug: args.includes('--debug'), color: !args.includes('--no-color') }
}
