#!/usr/bin/env node
// auth-dev-server: starts the dev server and keeps it up until Ctrl-C.
import { banner } from './_banner.js'
import { parseCliArgs, USAGE } from './_cli-args.js'
import { startDevServer } from './start-dev-server.js'

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2), process.env)
  if (command.kind === 'help') {
    process.stdout.write(USAGE)
    return
  }
  const server = await startDevServer(command.options)
  process.stdout.write(`${banner(server)}\n`)
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: shutting down\n`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`auth-dev-server: ${error instanceof Error ? error.message : String(error)}\nrun auth-dev-server --help for the options\n`)
  process.exitCode = error instanceof TypeError ? 2 : 1
})
