import { ConfigError, ErrorCode } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { ParseInput } from '../command.js'

/** The login flows this CLI offers. */
export type LoginFlowKind = 'pat' | 'device' | 'client-credentials' | 'pkce'

/** `auth login` flags, checked. `--host`, `--profile` and `--json` are global. */
export interface AuthLoginOptions {
  /** The flow a flag asked for; absent: the profile's `flow`, else the browser flow where a browser can open, else the device flow on a terminal. */
  flow?: LoginFlowKind
  /** `--no-browser`: the browser flow's paste-back mode (false); `--web`: true. */
  browser?: boolean
  /** `--port N`: the one callback port of the browser flow. */
  port?: number
  /** `--port-range A-B`: the callback ports of the browser flow, tried in order. */
  portRange?: [number, number]
  /** `--resource URI`, repeatable (RFC 8707). */
  resources?: string[]
  /** `--with-token TOKEN`: the token from argv (a warning says argv is visible to others). */
  token?: string
  /** `--with-token` without a value or `--token-stdin`: read the token from stdin (names the flag). */
  tokenFrom?: '--with-token' | '--token-stdin'
  issuer?: string
  clientId?: string
  clientSecretEnv?: string
  clientSecretFile?: string
  /** `--scope`, repeatable; each may hold several (space or comma separated). */
  scopes: string[]
  tenant?: string
  profileUrl?: string
  store?: string
  /** `--timeout SECONDS` in ms. */
  timeoutMs?: number
  /** `false` with `--no-qr`. */
  qr: boolean
  /** `--insecure`: plain http to a non-loopback host, with a warning. */
  insecure: boolean
  /** `--begin`: begin a device login and return at once (a handle to resume it with). */
  begin?: boolean
  /** `--resume HANDLE`: resume the device login `--begin` printed. */
  resume?: string
  /** `false` with `--no-wait`: `--resume` asks the server once (exit 3 while pending). */
  wait?: boolean
}

const FLOW_FLAGS = ['--with-token', '--token-stdin', '--device', '--client-credentials', '--web'] as const
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `auth login` flags to options: one flow flag at most (`--no-browser` is the browser flow
 * too), the browser flow's own flags (`--port`, `--port-range`) only with it, secrets only by
 * reference (`--client-secret-env VAR`, `--client-secret-file PATH`).
 * @throws ConfigError `USAGE_ERROR` (exit 2) for conflicting or malformed flags.
 * @example `parseAuthLoginOptions({ opts: { device: true }, ... }).flow` is `'device'`
 */
export function parseAuthLoginOptions({ opts }: ParseInput): AuthLoginOptions {
  const given: string[] = FLOW_FLAGS.filter((flag) => opts[camel(flag)] !== undefined && opts[camel(flag)] !== false)
  if (opts.browser === false) given.push('--no-browser')
  if (given.length > 1 && !(given.length === 2 && given.includes('--web') && given.includes('--no-browser'))) {
    throw usage(`${given.join(' and ')} cannot be used together`, 'choose one way to log in')
  }
  const options: AuthLoginOptions = { scopes: scopesOf(opts.scope), qr: opts.qr !== false, insecure: opts.insecure === true }
  const resources = resourcesOf(opts.resource)
  if (resources.length > 0) options.resources = resources
  Object.assign(options, flowOf(opts), texts(opts), timeoutOf(opts.timeout), portsOf(opts))
  checkSecretFlags(options)
  checkBrowserFlags(options)
  Object.assign(options, pendingOf(opts, options))
  return options
}

/** `--begin` (the device flow, no other flow flag), `--resume HANDLE` (no flow flag), `--no-wait` (with `--resume` only). */
function pendingOf(opts: ParseInput['opts'], options: AuthLoginOptions): Partial<AuthLoginOptions> {
  const begin = opts.begin === true
  const resume = typeof opts.resume === 'string' ? opts.resume.trim() : undefined
  if (opts.wait === false && resume === undefined) throw usage('--no-wait applies to --resume only')
  if (begin && resume !== undefined) throw usage('--begin and --resume cannot be used together', 'begin a login, then resume it with the handle it printed')
  if (begin) {
    if (options.flow !== undefined && options.flow !== 'device') throw usage('--begin applies to the device flow only', `${CLI_NAME} auth login --device --begin --json`)
    return { flow: 'device', begin: true }
  }
  if (resume === undefined) return {}
  if (options.flow !== undefined && options.flow !== 'device') throw usage('--resume resumes a device login; no other flow flag applies')
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(resume)) throw usage('--resume needs the "handle" printed by --begin', `${CLI_NAME} auth login --resume HANDLE`)
  return { flow: 'device', resume, ...(opts.wait === false && { wait: false }) }
}

/** `--port N` or `--port-range A-B` (not both). */
function portsOf(opts: ParseInput['opts']): Partial<AuthLoginOptions> {
  if (opts.port !== undefined && opts.portRange !== undefined) throw usage('--port and --port-range cannot be used together', 'give one fixed port (--port 8765) or a range (--port-range 8765-8769)')
  if (opts.port !== undefined) {
    const text = String(opts.port).trim()
    const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN
    if (!(port >= 1 && port <= 65535)) throw usage(`--port must be a port number from 1 to 65535 (got "${text.slice(0, 20)}")`, 'for example --port 8765 (forward it with ssh -L 8765:127.0.0.1:8765)')
    return { port }
  }
  if (opts.portRange === undefined) return {}
  const text = String(opts.portRange).trim()
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text)
  const [first, last] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN]
  if (!(first >= 1 && last <= 65535 && first <= last && last - first < 1000)) {
    throw usage(`--port-range must be FIRST-LAST, ports from 1 to 65535, at most 1000 of them (got "${text.slice(0, 20)}")`, 'for example --port-range 8765-8769')
  }
  return { portRange: [first, last] }
}

/** The browser flow's own flags need the browser flow (a flag, or no flow flag at all: then the profile decides). */
function checkBrowserFlags(options: AuthLoginOptions): void {
  const own = options.port !== undefined ? '--port' : options.portRange !== undefined ? '--port-range' : undefined
  if (own !== undefined && options.flow !== undefined && options.flow !== 'pkce') throw usage(`${own} applies to the browser flow only (--web or --no-browser)`)
}

function resourcesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => {
    const text = String(item).trim()
    let ok = false
    try {
      ok = new URL(text).hash === '' && /^[a-z][a-z0-9+.-]*:/i.test(text)
    } catch {
      ok = false
    }
    if (!ok) throw usage(`--resource must be an absolute URI without a fragment (got "${text.slice(0, 40)}")`, 'for example --resource https://api.example.com (RFC 8707)')
    return text
  })
}

function flowOf(opts: ParseInput['opts']): Partial<AuthLoginOptions> {
  if (typeof opts.withToken === 'string') {
    if (opts.withToken.trim() === '') throw usage('--with-token needs a token, or no value to read it from stdin', `pipe it: ${CLI_NAME} auth login --with-token < token.txt`)
    return { flow: 'pat', token: opts.withToken }
  }
  if (opts.withToken === true) return { flow: 'pat', tokenFrom: '--with-token' }
  if (opts.tokenStdin === true) return { flow: 'pat', tokenFrom: '--token-stdin' }
  if (opts.device === true) return { flow: 'device' }
  if (opts.clientCredentials === true) return { flow: 'client-credentials' }
  if (opts.browser === false) return { flow: 'pkce', browser: false }
  if (opts.web === true) return { flow: 'pkce', browser: true }
  return {}
}

function texts(opts: ParseInput['opts']): Partial<AuthLoginOptions> {
  const names = ['issuer', 'clientId', 'clientSecretEnv', 'clientSecretFile', 'tenant', 'profileUrl', 'store'] as const
  const out: Partial<Record<(typeof names)[number], string>> = {}
  for (const name of names) {
    const value = opts[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || value.trim() === '') throw usage(`--${kebab(name)} needs a non-empty value`)
    out[name] = value.trim()
  }
  return out
}

function timeoutOf(value: unknown): Partial<AuthLoginOptions> {
  if (value === undefined) return {}
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN
  if (!(seconds > 0) || seconds > 86_400) throw usage(`--timeout must be a number of seconds between 0 and 86400 (got "${String(value).slice(0, 20)}")`, 'for example --timeout 300')
  return { timeoutMs: Math.round(seconds * 1000) }
}

function checkSecretFlags(options: AuthLoginOptions): void {
  const { clientSecretEnv: env, clientSecretFile: file, flow } = options
  if (env === undefined && file === undefined) return
  if (env !== undefined && file !== undefined) throw usage('--client-secret-env and --client-secret-file cannot be used together', 'name one place to read the secret from')
  if (flow !== undefined && flow !== 'client-credentials') throw usage(`--client-secret-${env !== undefined ? 'env' : 'file'} applies to --client-credentials only`)
  if (env !== undefined && !ENV_NAME.test(env))
    throw usage(`--client-secret-env must name an environment variable (got "${env.slice(0, 40)}")`, 'give the variable name, not the secret: --client-secret-env CI_CLIENT_SECRET')
}

function scopesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.flatMap((s) => String(s).split(/[\s,]+/)).filter((s) => s !== '')
}

function camel(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

/** The profile-selecting flags of `auth login` (`--issuer`, `--client-id`, `--tenant`, `--store`, `--scope`), as `ctx.resolveProfile` takes them. */
export function profileFlags(options: AuthLoginOptions) {
  return {
    ...(options.issuer !== undefined && { issuer: options.issuer }),
    ...(options.clientId !== undefined && { clientId: options.clientId }),
    ...(options.tenant !== undefined && { tenant: options.tenant }),
    ...(options.store !== undefined && { store: options.store }),
    ...(options.scopes.length > 0 && { scopes: options.scopes }),
  }
}

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}
