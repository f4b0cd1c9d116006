// `auth-dev-server [--port N]`: flags parsed into DevServerOptions, separately from the run.
import { parseArgs } from 'node:util'
import type { McpHostileMode } from './mcp/types.js'
import type { DevServerOptions } from './types.js'

/** With `--mcp`: the MCP server in front of the dev server. */
export interface McpCliOptions {
  /** Port of the MCP server (`--mcp-port`, default 0). */
  readonly port: number
  readonly hostile?: McpHostileMode
}

/** What the command line asks for. */
export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'start'; readonly options: DevServerOptions; readonly mcp?: McpCliOptions }

const HOSTILE_MODES: readonly McpHostileMode[] = ['resource-mismatch', 'authorization-endpoint-scheme', 'authorization-endpoint-shell', 'wrong-iss', 'no-iss', 'wrong-state']

/** The usage text of `auth-dev-server`. */
export const USAGE = `Usage: auth-dev-server [options]

Starts the OAuth 2.0 / OpenID Connect dev server on 127.0.0.1 until Ctrl-C.

Options:
  --port N               port to listen on (default: $PORT, else 0 = any free port)
  --access-token-ttl S   access token lifetime in seconds (default 3600)
  --device-interval S    polling interval announced by the device flow (default: none, clients wait 5 s)
  --client-secret VALUE  secret of the confidential clients (default: random)
  --refreshed-access-token-ttl S
                         lifetime of access tokens from a refresh (default: --access-token-ttl)
  --mcp                  also start an MCP server (official SDK, tools whoami and add-note) behind
                         bearer auth, this server as its authorization server (RFC 8707 resource
                         indicators, RFC 7591 registration), and print its URL
  --cross-app-access     enterprise-managed authorization (MCP cross-app access): token exchange of
                         an ID token for an ID-JAG, and the JWT bearer grant (with --mcp: for the MCP URL)
  --mcp-port N           port of the MCP server (default 0 = any free port)
  --mcp-hostile MODE     misbehave for client tests: resource-mismatch, authorization-endpoint-scheme,
                         authorization-endpoint-shell, wrong-iss, no-iss, wrong-state
  -h, --help             show this help
`

/**
 * Parses argv (without `node` and the script) and the environment.
 * @throws TypeError on an unknown flag or a malformed number.
 */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'access-token-ttl': { type: 'string' },
      'device-interval': { type: 'string' },
      'client-secret': { type: 'string' },
      'refreshed-access-token-ttl': { type: 'string' },
      mcp: { type: 'boolean' },
      'cross-app-access': { type: 'boolean' },
      'mcp-port': { type: 'string' },
      'mcp-hostile': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help === true) return { kind: 'help' }
  const options: DevServerOptions = { port: toNumber('--port', values.port ?? env['PORT'] ?? '0') }
  if (values['access-token-ttl'] !== undefined) options.accessTokenTtl = toNumber('--access-token-ttl', values['access-token-ttl'])
  if (values['device-interval'] !== undefined) options.deviceInterval = toNumber('--device-interval', values['device-interval'])
  if (values['client-secret'] !== undefined) options.clientSecret = values['client-secret']
  if (values['refreshed-access-token-ttl'] !== undefined) {
    options.refreshedAccessTokenTtl = toNumber('--refreshed-access-token-ttl', values['refreshed-access-token-ttl'])
  }
  if (values['cross-app-access'] === true) options.crossAppAccess = true
  if (values.mcp !== true) {
    if (values['mcp-port'] !== undefined || values['mcp-hostile'] !== undefined) throw new TypeError('--mcp-port and --mcp-hostile need --mcp')
    return { kind: 'start', options }
  }
  return { kind: 'start', options, mcp: mcpOptions(values['mcp-port'], values['mcp-hostile']) }
}

function mcpOptions(port: string | undefined, hostile: string | undefined): McpCliOptions {
  const mcp = { port: toNumber('--mcp-port', port ?? '0') }
  if (hostile === undefined) return mcp
  const mode = HOSTILE_MODES.find((m) => m === hostile)
  if (mode === undefined) throw new TypeError(`--mcp-hostile must be one of ${HOSTILE_MODES.join(', ')}, got "${hostile}"`)
  return { ...mcp, hostile: mode }
}

function toNumber(flag: string, text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new TypeError(`${flag} must be a number, got "${text}"`)
  return value
}
