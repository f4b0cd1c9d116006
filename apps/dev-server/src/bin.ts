#!/usr/bin/env node
// auth-dev-server: starts the dev server and keeps it up until Ctrl-C.
import { banner } from './_banner.js'
import { parseCliArgs, USAGE, type McpCliOptions } from './_cli-args.js'
import { startDevServer } from './start-dev-server.js'
import type { DevServer, DevServerOptions } from './types.js'

/** The MCP server and the dev server behind it; prints the MCP URL first. The SDK loads only here. */
async function startMcp(options: DevServerOptions, cli: McpCliOptions): Promise<DevServer> {
  const { startMcpServer } = await import('./mcp/index.js')
  const { port, resourceServers: _ignored, ...rest } = options
  const mcp = await startMcpServer({ ...rest, port: cli.port, authorizationServerPort: port ?? 0, ...(cli.hostile === undefined ? {} : { hostile: cli.hostile }) })
  const hostile = cli.hostile === undefined ? '' : ` (hostile: ${cli.hostile})`
  process.stdout.write(`MCP server ${mcp.url}${hostile}\n  resource metadata ${mcp.resourceMetadataUrl}\n  scopes mcp:read (every call) mcp:write (add-note)\n\n`)
  return { ...mcp.authorizationServer, close: () => mcp.close() }
}

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2), process.env)
  if (command.kind === 'help') {
    process.stdout.write(USAGE)
    return
  }
  const server = command.mcp === undefined ? await startDevServer(command.options) : await startMcp(command.options, command.mcp)
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
