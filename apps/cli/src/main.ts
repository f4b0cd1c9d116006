import { homedir } from 'node:os'
import { CancelledError, ExitCode } from '@auth/core'
import { scanOutputFlags } from './global-options'
import { onInterrupt } from './interrupt'
import { reportError, runCli } from './run-cli'

// The entry point of the bundled `authcli`: wires the process to `runCli` and sets the exit code.
const controller = new AbortController()
const argv = process.argv.slice(2)
const runtime = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  homeDir: homedir(),
  signal: controller.signal,
}

// `authcli ... | head -1` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const uninstall = onInterrupt(process, {
  controller,
  forceExit: () => {
    reportError(new CancelledError('interrupted'), undefined, scanOutputFlags(argv), runtime)
    process.exit(ExitCode.INTERRUPTED)
  },
})

runCli(argv, runtime).then((code) => {
  uninstall()
  process.exitCode = code
})
