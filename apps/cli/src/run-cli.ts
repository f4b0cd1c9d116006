import { CancelledError, ExitCode, type AuthError } from '@auth/core'
import { createColors, shouldUseColor } from './color.js'
import { commandPath, findCommand } from './command.js'
import { createCliLogger, type Runtime } from './context.js'
import { scanOutputFlags } from './global-options.js'
import { buildProgram, type ProgramHooks } from './program.js'
import { formatError, fromCommanderError, isCommanderError, logErrorDetails, normalizeError } from './render-error.js'

/**
 * Runs one command line (`argv` without `node` and the script) and returns the exit code.
 * Every failure ends here: commander's parse errors become `USAGE_ERROR` (exit 2), toolkit
 * errors keep their code and exit code, anything else is a bug (exit 1), all rendered on stderr.
 * @example `process.exitCode = await runCli(process.argv.slice(2), runtime)`
 */
export async function runCli(argv: readonly string[], runtime: Runtime, hooks: ProgramHooks = {}): Promise<number> {
  const program = buildProgram(runtime, hooks)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    if (runtime.signal.aborted) throw new CancelledError('interrupted')
    return ExitCode.OK
  } catch (thrown) {
    if (isCommanderError(thrown) && (thrown.exitCode === 0 || thrown.code === 'commander.help')) {
      // Help or version was printed. Help for an unknown `help` topic went to stderr: a usage error.
      return thrown.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE
    }
    const flags = { ...scanOutputFlags(argv), ...pick(program.opts()) }
    const error: AuthError = isCommanderError(thrown)
      ? fromCommanderError(thrown, commandPath(findCommand(program, argv)))
      : normalizeError(runtime.signal.aborted ? runtime.signal.reason ?? thrown : thrown, flags.debug)
    reportError(error, thrown, flags, runtime)
    return error.exitCode
  }
}

/**
 * Writes an error to stderr as the contract says, after its stack and causes with `--debug`.
 * @example `reportError(new CancelledError('interrupted'), undefined, { json: true, debug: false, color: true }, runtime)`
 */
export function reportError(
  error: AuthError,
  original: unknown,
  flags: { json: boolean; debug: boolean; color: boolean },
  runtime: Pick<Runtime, 'env' | 'stderr'>,
): void {
  if (flags.debug) logErrorDetails(original ?? error, createCliLogger(flags, runtime))
  const colors = createColors(shouldUseColor({ isTTY: runtime.stderr.isTTY, env: runtime.env, color: flags.color }))
  runtime.stderr.write(formatError(error, { json: flags.json, colors }))
}

// Program-level values win over the argv scan where commander got to parse them.
function pick(opts: Record<string, unknown>): Partial<{ json: boolean; debug: boolean; color: boolean }> {
  const out: Partial<{ json: boolean; debug: boolean; color: boolean }> = {}
  if (opts.json === true) out.json = true
  if (opts.debug === true) out.debug = true
  if (opts.color === false) out.color = false
  return out
}
