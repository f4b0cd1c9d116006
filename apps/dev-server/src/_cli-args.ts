// `auth-dev-server [--port N]`: flags parsed into DevServerOptions, separately from the run.
import { parseArgs } from 'node:util'
import type { DevServerOptions } from './types.js'

/** What the command line asks for. */
export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'start'; readonly options: DevServerOptions }

/** The usage text of `auth-dev-server`. */
export const USAGE = `Usage: auth-dev-server [options]

Starts the OAuth 2.0 / OpenID Connect dev server on 127.0.0.1 until Ctrl-C.

Options:
  --port N               port to listen on (default: $PORT, else 0 = any free port)
  --access-token-ttl S   access token lifetime in seconds (default 3600)
  --device-interval S    polling interval announced by the device flow (default: none, clients wait 5 s)
  --client-secret VALUE  secret of the confidential clients (default: random)
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
  return { kind: 'start', options }
}

function toNumber(flag: string, text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new TypeError(`${flag} must be a number, got "${text}"`)
  return value
}
