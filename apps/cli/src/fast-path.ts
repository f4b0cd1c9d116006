import { ExitCode } from '@auth/core'
import { renderAuthToken, runAuthToken } from './commands/auth-token.js'
import { createContext, type Runtime } from './context.js'
import { parseGlobalOptions, type GlobalOptions } from './global-options.js'
import { normalizeError } from './render-error.js'
import { reportError } from './report-error.js'
import { scanTokenArgv } from './token-argv.js'

const SWITCHES: Record<string, [keyof GlobalOptions, boolean]> = { '--json': ['json', true], '--debug': ['debug', true], '--no-color': ['color', false] }
const SWITCH_NAMES: ReadonlySet<string> = new Set(Object.keys(SWITCHES))

/**
 * The global flags of an `authcli auth token` command line that the fast path can run without
 * commander: exactly `auth token` plus global flags (`--host`, `--profile`, `--config` with a
 * value, `--json`, `--debug`, `--no-color`). Anything else (help, a typo, an extra argument)
 * is `undefined` and goes through commander, which owns every error message.
 * @example `tokenFastPath(['auth', 'token', '--profile', 'ci'])` is `{ profile: 'ci', json: false, ... }`
 */
export function tokenFastPath(argv: readonly string[]): GlobalOptions | undefined {
  const scanned = scanTokenArgv(argv, SWITCH_NAMES)
  if (scanned === undefined) return undefined
  const raw: Record<string, unknown> = { ...scanned.values }
  for (const name of scanned.switches) {
    const [key, value] = SWITCHES[name] as [keyof GlobalOptions, boolean]
    raw[key] = value
  }
  try {
    return parseGlobalOptions(raw)
  } catch {
    return undefined
  }
}

/**
 * Runs `auth token` as commander would (the same `run` and `render`, the same error rendering),
 * without building the command tree: the hot path of every script that calls
 * `$(authcli auth token)`. Returns the exit code.
 * @example `const globals = tokenFastPath(argv); if (globals) process.exitCode = await runTokenFastPath(globals, runtime)`
 */
export async function runTokenFastPath(globals: GlobalOptions, runtime: Runtime): Promise<number> {
  try {
    const ctx = await createContext(globals, runtime)
    renderAuthToken(await runAuthToken({}, ctx), ctx)
    return ExitCode.OK
  } catch (thrown) {
    const error = normalizeError(runtime.signal.aborted ? (runtime.signal.reason ?? thrown) : thrown, globals.debug)
    reportError(error, thrown, globals, runtime)
    return error.exitCode
  }
}
