import { AuthenticationError, ConfigError, ErrorCode, ExitCode, NetworkError, resolveOnHost, type AuthError } from '@auth/core'
import type { Command } from 'commander'
import { sendApiRequest, HTTP_ERROR, type ApiRequest } from '../api-request.js'
import { CLI_NAME, VERSION } from '../app.js'
import type { CommandSpec, Mount, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { isPlainHttp } from '../insecure.js'
import { READ_ONLY, loginRequired } from '../profile-credential.js'
import { profileSession } from '../session.js'

/** `api PATH [--method M] [--data JSON] [--tenant SLUG]`. */
export interface ApiOptions {
  path: string
  /** Upper case; default GET, or POST with `--data`. */
  method: string
  /** The JSON body, checked, as given. */
  data?: string
  tenant?: string
}

/** The server's answer, printed by {@link renderApi}. */
export interface ApiResult {
  method: string
  /** The URL without its query, for messages. */
  url: string
  status: number
  statusText: string
  contentType: string | null
  body: string
  /** `WWW-Authenticate` / `X-Accepted-OAuth-Scopes`, for the 401/403 messages. */
  challenge: string | null
  acceptedScopes: string | null
  /** Whether the credential was renewed after a 401. */
  retried: boolean
  /** What a login to this host looks like (host, flow, client), for the 403 hint that names the fixing command. */
  login?: { host: string; flow?: string | undefined; clientId?: string | undefined }
}

const METHOD = /^[A-Za-z]{1,20}$/

/**
 * `api` arguments and flags to options: `--data` must be JSON (it is sent as given, as
 * `application/json`); `--method` a word (upper-cased).
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a bad method, `--data` that is not JSON (never echoed), or an empty `--tenant`.
 * @example `parseApiOptions({ args: ['/api/v1/echo'], opts: { data: '{"a":1}' }, ... })` is `{ path: '/api/v1/echo', method: 'POST', data: '{"a":1}' }`
 */
export function parseApiOptions({ args, opts }: ParseInput): ApiOptions {
  const path = typeof args[0] === 'string' ? args[0] : ''
  if (path.trim() === '') throw usage('PATH must not be empty', `for example: ${CLI_NAME} api /api/v1/profile`)
  const data = opts.data === undefined ? undefined : checkJson(opts.data)
  const method = opts.method === undefined ? (data === undefined ? 'GET' : 'POST') : String(opts.method)
  if (!METHOD.test(method)) throw usage('--method must be an HTTP method such as GET, POST, PUT, PATCH or DELETE')
  const tenant = opts.tenant
  if (tenant !== undefined && (typeof tenant !== 'string' || tenant.trim() === '')) throw usage('--tenant needs a non-empty value')
  return { path: path.trim(), method: method.toUpperCase(), ...(data !== undefined && { data }), ...(typeof tenant === 'string' && { tenant: tenant.trim() }) }
}

function checkJson(value: unknown): string {
  const text = typeof value === 'string' ? value : ''
  try {
    JSON.parse(text)
  } catch {
    throw usage('--data is not valid JSON', `quote it for the shell: ${CLI_NAME} api /api/v1/echo --data '{"name":"value"}'`)
  }
  return text
}

/**
 * Sends an authenticated request to the host through the session (`auth.request`):
 * `Authorization: Bearer TOKEN` (renewed first when it is about to expire) and the tenant
 * (`--tenant` > `AUTHCLI_TENANT` > config > captured at login) in the profile's `tenant_header`
 * (default `X-Tenant`). On a 401 a renewable credential is renewed
 * once (written back to its store) and the request sent again.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a PATH off the host; AuthenticationError (exit 4) when not logged in.
 * @throws NetworkError (exit 5) when the host cannot be reached, or redirects elsewhere.
 */
export async function runApi(options: ApiOptions, ctx: CliContext): Promise<ApiResult> {
  const profile = ctx.resolveProfile(options.tenant === undefined ? {} : { tenant: options.tenant }, READ_ONLY)
  if (profile.host === undefined) throw loginRequired('no host is configured', `run \`${CLI_NAME} auth login --host URL\``)
  const url = resolveOnHost(profile.host, options.path)
  if (isPlainHttp(profile.host)) ctx.warn(`sending the token over plain http to ${profile.host} (the login used --insecure)`)
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.8', 'user-agent': `${CLI_NAME}/${VERSION}` }
  if (options.data !== undefined) headers['content-type'] = 'application/json'
  const request: ApiRequest = { url, method: options.method, headers, ...(options.data !== undefined && { body: options.data }) }
  const { auth } = profileSession(ctx, { profile })
  // auth.request sends the bearer token and the tenant header and, on a 401, renews once under
  // the cross-process lock and retries once, and says so.
  let retried = false
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const { response, renewed } = await auth.request(input instanceof Request ? input.url : input, init)
    retried ||= renewed
    return response
  }
  const response = await sendApiRequest(request, { fetch, signal: ctx.signal })
  return { ...(await resultOf(request, response, retried)), login: { host: profile.host, flow: profile.flow, clientId: profile.clientId } }
}

async function resultOf(request: ApiRequest, response: Response, retried: boolean): Promise<ApiResult> {
  return {
    method: request.method,
    url: `${request.url.origin}${request.url.pathname}`,
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
    challenge: response.headers.get('www-authenticate'),
    acceptedScopes: response.headers.get('x-accepted-oauth-scopes'),
    retried,
  }
}

/**
 * The response body on stdout (JSON pretty-printed; other text as is), then for a status that is
 * not 2xx an error: 401 `INVALID_TOKEN` and 403 `INSUFFICIENT_SCOPE` / `ACCESS_DENIED` (exit 4),
 * other 4xx `HTTP_ERROR` (exit 2: the request was wrong), 5xx `HTTP_ERROR` (exit 5).
 * @throws AuthError as above, after printing the body.
 */
export function renderApi(result: ApiResult, ctx: CliContext): void {
  const body = formatBody(result.body, result.contentType)
  if (body !== '') ctx.out.write(body.endsWith('\n') ? body : `${body}\n`)
  if (result.status >= 200 && result.status < 300) return
  throw statusError(result)
}

/**
 * A response body for the terminal: JSON (by `Content-Type`) indented by two spaces; anything else as is.
 * @example `formatBody('{"a":1}', 'application/json')` is `'{\n  "a": 1\n}'`
 */
export function formatBody(body: string, contentType: string | null): string {
  if (body === '' || contentType === null || !/\bjson\b/i.test(contentType)) return body
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function statusError(r: ApiResult): AuthError {
  const what = `${r.method} ${r.url}: ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`
  if (r.status === 401) {
    return new AuthenticationError(`${what}: the server refused the token${r.retried ? ', also after renewing it' : ''}`, {
      code: ErrorCode.INVALID_TOKEN,
      exitCode: ExitCode.AUTH,
      hint: `run \`${CLI_NAME} auth login\``,
    })
  }
  if (r.status === 403) {
    const scope = /insufficient_scope/.test(`${r.challenge ?? ''} ${r.body.slice(0, 2000)}`)
    const accepted = r.acceptedScopes ? ` (it accepts: ${r.acceptedScopes})` : ''
    return new AuthenticationError(`${what}: the token is not allowed to do this${accepted}`, {
      code: scope ? ErrorCode.INSUFFICIENT_SCOPE : ErrorCode.ACCESS_DENIED,
      exitCode: ExitCode.AUTH,
      hint: scope ? `log in again asking for a scope it accepts: ${scopeLogin(r)}` : 'ask for access, or use another account (auth switch)',
    })
  }
  if (r.status >= 500) return new NetworkError(`${what}: the server failed`, { code: HTTP_ERROR, exitCode: ExitCode.NETWORK, hint: 'try again later' })
  return new ConfigError(`${what}`, { code: HTTP_ERROR, exitCode: ExitCode.USAGE, hint: 'check PATH, --method and --data' })
}

/** The command that gets a token with a scope the API accepts: this host, this flow and client, `--scope` (the first accepted scope, else SCOPE). */
function scopeLogin(r: ApiResult): string {
  const accepted = (r.acceptedScopes ?? '').split(/[\s,]+/).find((s) => /^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(s) && !/[`'"$;&|<>]/.test(s))
  const client = r.login?.flow === 'client-credentials' ? ` --client-credentials${r.login.clientId !== undefined ? ` --client-id ${r.login.clientId}` : ''}` : ''
  const host = r.login === undefined ? '' : ` --host ${r.login.host}`
  return `\`${CLI_NAME} auth login${host}${client} --scope ${accepted ?? 'SCOPE'}\``
}

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}

export const apiCommand: CommandSpec<ApiOptions, ApiResult> = {
  id: 'api',
  parse: parseApiOptions,
  run: runApi,
  render: renderApi,
}

/** Adds `api PATH`. */
export function registerApiCommand(program: Command, mount: Mount): void {
  mount(
    program
      .command('api')
      .argument('<path>', 'a path on the host, like /api/v1/profile')
      .description('an authenticated request to the host: bearer token, tenant header; renewal and one retry on 401')
      .option('-X, --method <method>', 'the HTTP method (default: GET, or POST with --data)')
      .option('--data <json>', 'a JSON request body (sent as application/json)')
      .option('--tenant <slug>', 'the tenant, sent in the tenant header (default X-Tenant)')
      .addHelpText('after', apiHelp),
    apiCommand,
  )
}

const apiHelp = `
The response body goes to stdout (JSON pretty-printed). Exit 4 on 401/403, 5 on 5xx or no network,
2 on another 4xx. PATH is relative to the host; the token is never sent to another host.
Examples:
  $ ${CLI_NAME} api /api/v1/profile
  $ ${CLI_NAME} api /api/v1/echo --tenant acme
  $ ${CLI_NAME} api /api/v1/echo --method PUT --data '{"name":"x"}'`
