import { CancelledError, ExitCode, type AuthError } from '@auth/core'
import { commandPath, findCommand } from './command.js'
import type { Runtime } from './context.js'
import { scanOutputFlags } from './global-options.js'
import { buildProgram, type ProgramHooks } from './program.js'
import { fromCommanderError, isCommanderError, normalizeError } from './render-error.js'
import { reportError } from './report-error.js'

export { reportError } from './report-error.js'

/**
 * Runs one command line (`argv` without `node` and the script) and returns the exit code.
 * Every failure ends here: commander's parse errors become `USAGE_ERROR` (exit 2), toolkit
 * errors keep their code and exit code, anything else is a bug (exit 1), all rendered on stderr.
 * @example `process.exitCode = await runCli(process.argv.slice(2), runtime)`
 */
export async function runCli(argv: readonly string[], runtime: Runtime, hooks: ProgramHooks = {}): Promise<number> {
  const exit = { code: ExitCode.OK as number }
  const program = buildProgram(runtime, { exit, ...hooks })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    if (runtime.signal.aborted) throw new CancelledError('interrupted')
    return exit.code
  } catch (thrown) {
    if (isCommanderError(thrown) && (thrown.exitCode === 0 || thrown.code === 'commander.help')) {
      // Help or version was printed. Help for an unknown `help` topic went to stderr: a usage error.
      return thrown.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE
    }
    const flags = { ...scanOutputFlags(argv), ...pick(program.opts()) }
    const error: AuthError = isCommanderError(thrown)
      ? fromCommanderError(thrown, commandPath(findCommand(program, argv)))
      : normalizeError(runtime.signal.aborted ? (runtime.signal.reason ?? thrown) : thrown, flags.debug)
    reportError(error, thrown, flags, runtime)
    return error.exitCode
  }
}

// Program-level values win over the argv scan where commander got to parse them.
function pick(opts: Record<string, unknown>): Partial<{ json: boolean; debug: boolean; color: boolean }> {
  const out: Partial<{ json: boolean; debug: boolean; color: boolean }> = {}
  if (opts.json === true) out.json = true
  if (opts.debug === true) out.debug = true
  if (opts.color === false) out.color = false
  return out
}
