import { homedir } from 'node:os'
import { CancelledError, ExitCode } from '@auth/core'
import { scanOutputFlags } from './global-options.js'
import { onInterrupt } from './interrupt.js'
import { normalizeError } from './render-error.js'
import { runTokenFastPath, tokenFastPath } from './fast-path.js'
import { reportError } from './report-error.js'

/**
 * The CLI as a process, loaded by `main.ts` when the token index could not answer: wires the
 * process to `runCli` and sets the exit code. `authcli auth token` still skips commander
 * (fast-path.ts): `runCli` and the command tree are a chunk loaded only for the other commands.
 * @param argv - The command line without node and the script (`dockerHelperArgv`).
 */
export function runProcess(argv: string[]): void {
  const controller = new AbortController()
  const runtime = {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // Node creates process.stdin on first access; only commands that read it pay for it.
    get stdin() {
      return process.stdin
    },
    homeDir: homedir(),
    signal: controller.signal,
  }

  // `authcli ... | head -1` closes stdout early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })

  // An error thrown outside the command's promise chain is still rendered, not dumped.
  const crash = (error: unknown) => {
    const flags = scanOutputFlags(argv)
    const rendered = normalizeError(error, flags.debug)
    reportError(rendered, error, flags, runtime)
    process.exit(rendered.exitCode)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)

  const uninstall = onInterrupt(process, {
    controller,
    forceExit: () => {
      const reason: unknown = controller.signal.reason
      reportError(CancelledError.isInstance(reason) ? reason : new CancelledError('interrupted'), undefined, scanOutputFlags(argv), runtime)
      process.exit(ExitCode.INTERRUPTED)
    },
  })

  const fast = tokenFastPath(argv)
  const run = fast ? runTokenFastPath(fast, runtime) : import('./run-cli.js').then((m) => m.runCli(argv, runtime))
  run.then((code) => {
    uninstall()
    process.exitCode = code
  })
}
