import { ConfigError, ErrorCode } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { ParseInput } from '../command.js'

/** The login flows this CLI offers today. */
export type LoginFlowKind = 'pat' | 'device' | 'client-credentials'

/** `auth login` flags, checked. `--host`, `--profile` and `--json` are global. */
export interface AuthLoginOptions {
  /** The flow a flag asked for; absent: the profile's `flow`, else the device flow on a terminal. */
  flow?: LoginFlowKind
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
}

const FLOW_FLAGS = ['--with-token', '--token-stdin', '--device', '--client-credentials'] as const
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `auth login` flags to options: one flow flag at most, the browser flow's flags refused
 * (not available yet), secrets only by reference (`--client-secret-env VAR`,
 * `--client-secret-file PATH`).
 * @throws ConfigError `USAGE_ERROR` (exit 2) for conflicting or malformed flags.
 * @example `parseAuthLoginOptions({ opts: { device: true }, ... }).flow` is `'device'`
 */
export function parseAuthLoginOptions({ opts }: ParseInput): AuthLoginOptions {
  refuseBrowserFlags(opts)
  const given = FLOW_FLAGS.filter((flag) => opts[camel(flag)] !== undefined && opts[camel(flag)] !== false)
  if (given.length > 1) throw usage(`${given.join(' and ')} cannot be used together`, 'choose one way to log in')
  const options: AuthLoginOptions = { scopes: scopesOf(opts.scope), qr: opts.qr !== false, insecure: opts.insecure === true }
  Object.assign(options, flowOf(opts), texts(opts), timeoutOf(opts.timeout))
  checkSecretFlags(options)
  return options
}

function refuseBrowserFlags(opts: ParseInput['opts']): void {
  const flag = opts.web === true ? '--web' : opts.browser === false ? '--no-browser' : opts.port !== undefined ? '--port' : opts.portRange !== undefined ? '--port-range' : undefined
  if (flag === undefined) return
  throw usage(`the browser flow is not available yet (${flag})`, 'use --device')
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
  if (env !== undefined && !ENV_NAME.test(env)) throw usage(`--client-secret-env must name an environment variable (got "${env.slice(0, 40)}")`, 'give the variable name, not the secret: --client-secret-env CI_CLIENT_SECRET')
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

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}
