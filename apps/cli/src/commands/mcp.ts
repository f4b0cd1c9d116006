import { ConfigError, ErrorCode } from '@auth/core'
import type { Command } from 'commander'
import { CLI_NAME } from '../app.js'
import { addGroup, type CommandSpec, type Mount, type ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { canOpenBrowserHere, mcpSession, resourceUrl } from '../mcp-session.js'

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value]

/** `mcp proxy URL` flags. */
export interface McpProxyCommandOptions {
  url: string
  clientId?: string
  scopes: string[]
  store?: string
  /** `--timeout SECONDS` in ms: how long a login may take. */
  timeoutMs?: number
}

/** What the bridge relayed; nothing is printed (stdout carries JSON-RPC only). */
export interface McpProxyCommandResult {
  sent: number
  received: number
  sessionEnded: boolean
}

/** Adds `mcp proxy`. */
export function registerMcpCommands(program: Command, mount: Mount): void {
  const mcp = addGroup(program, 'mcp', 'use MCP servers that need a login')
  mount(
    mcp
      .command('proxy')
      .description('a stdio MCP server that relays to the Streamable HTTP MCP server at URL, logged in (the job mcp-remote does)')
      .argument('<url>', 'the MCP server URL, e.g. https://mcp.example.com/mcp')
      .option('--client-id <id>', 'a client registered with its authorization server (else one is registered once per issuer)')
      .option('--scope <scope>', 'a scope to ask for instead of the discovered ones (repeatable)', collect)
      .option('--store <store>', 'where a login is stored: auto, keychain, file, encrypted or memory')
      .option('--timeout <seconds>', 'give up on a login after this long (default 300)')
      .addHelpText('after', proxyHelp),
    mcpProxyCommand,
  )
}

/**
 * `mcp proxy URL [--client-id ID] [--scope S] [--store S] [--timeout SECONDS]`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a URL that is not http(s) or `--json`.
 * @example `parseMcpProxyOptions({ args: ['https://mcp.example.com/mcp'], opts: {}, globals })`
 */
export function parseMcpProxyOptions({ args, opts, globals }: ParseInput): McpProxyCommandOptions {
  if (globals.json) throw usage('--json does not apply to mcp proxy: its stdout is the MCP conversation')
  if (globals.host !== undefined || globals.profile !== undefined) throw usage('--host and --profile do not apply to mcp proxy: the login is stored under the URL')
  const options: McpProxyCommandOptions = { url: resourceUrl(args[0], 'URL'), scopes: ((opts.scope as string[] | undefined) ?? []).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean) }
  for (const name of ['clientId', 'store'] as const) {
    const value = opts[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || value.trim() === '') throw usage(`--${name === 'clientId' ? 'client-id' : name} needs a non-empty value`)
    options[name] = value.trim()
  }
  if (opts.timeout !== undefined) {
    const seconds = typeof opts.timeout === 'string' && /^\d+(\.\d+)?$/.test(opts.timeout.trim()) ? Number(opts.timeout) : Number.NaN
    if (!(seconds > 0) || seconds > 86_400) throw usage(`--timeout must be a number of seconds between 0 and 86400 (got "${String(opts.timeout).slice(0, 20)}")`)
    options.timeoutMs = Math.round(seconds * 1000)
  }
  return options
}

/**
 * Relays newline-delimited JSON-RPC between stdin/stdout and the MCP server at `url`
 * (`runMcpProxy` of `@auth/mcp`), every request carrying the login stored under that URL: the
 * one `auth login --url` wrote and every other instance of the proxy uses, refreshed once across
 * processes. When there is none (or it cannot be renewed), the login happens in the browser
 * (one tab per server at a time: the others wait for it), or with the device flow where no
 * browser can open; stdin is never read for a login. Messages go to stderr only.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a bad URL; nothing else: a failed request is
 * answered to the MCP client as a JSON-RPC error.
 */
export async function runMcpProxy(options: McpProxyCommandOptions, ctx: CliContext): Promise<McpProxyCommandResult> {
  const stdin = ctx.stdin
  if (stdin === undefined) throw usage('mcp proxy needs a standard input (the MCP client writes JSON-RPC to it)')
  // Its stdin is JSON-RPC, never read for a login. Where a browser can open, the browser; headless
  // (no display, over SSH, no BROWSER), the device flow (its code on stderr) when the server has
  // one, else the URL on stderr and the redirect awaited on the loopback port (`ssh -L`).
  const mcp = await mcpSession(ctx, {
    url: options.url,
    clientId: options.clientId,
    scopes: options.scopes,
    store: options.store,
    paste: false,
    interactive: true,
    device: !canOpenBrowserHere(ctx.env),
    timeoutMs: options.timeoutMs,
  })
  const { runMcpProxy: relay } = await import('@auth/mcp')
  ctx.logger.debug(`relaying stdio to ${mcp.serverUrl}`)
  try {
    return await relay({
      url: mcp.serverUrl,
      fetch: mcp.fetch,
      input: stdin,
      output: { write: (chunk, callback) => (ctx.out.write(chunk), callback(), true) },
      logger: { ...ctx.logger, warn: (message) => ctx.warn(message) },
      signal: ctx.signal,
    })
  } finally {
    // A stdin still being read (the signal ended the relay) would keep the process alive.
    ;(stdin as { destroy?: () => void }).destroy?.()
  }
}

export const mcpProxyCommand: CommandSpec<McpProxyCommandOptions, McpProxyCommandResult> = {
  id: 'mcp proxy',
  parse: parseMcpProxyOptions,
  run: runMcpProxy,
  render: (result, ctx) => ctx.logger.debug(`mcp proxy: ${result.sent} messages sent, ${result.received} received${result.sessionEnded ? ', session ended' : ''}`),
}

function usage(message: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, hint: `see '${CLI_NAME} mcp proxy --help'` })
}

const proxyHelp = `
Give it to an MCP client as a stdio server; it logs in on first use (a browser tab, one per
server at a time) and shares that login with every other instance and with auth token --url:
  { "command": "${CLI_NAME}", "args": ["mcp", "proxy", "https://mcp.example.com/mcp"] }
Log in beforehand (over SSH: --no-browser pastes the redirect back):
  $ ${CLI_NAME} auth login --url https://mcp.example.com/mcp --no-browser
stdout carries JSON-RPC only; messages and --debug logs go to stderr.`
