import { AuthError, ConfigError, ErrorCode, isUsable, probeStore, type Credential, type CredentialKey } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { canOpenBrowserHere, mcpSession, resourceUrl } from '../mcp-session.js'
import { loginRequired, READ_ONLY } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { searchedStores } from '../session.js'
import { createStores } from '../stores/create-stores.js'
import { authLoginAnyCommand, type AuthLoginOutcome } from './auth-login-any.js'
import { parseAuthLoginOptions, type AuthLoginOptions } from './auth-login-options.js'
import { authLogoutCommand, type AuthLogoutOptions, type AuthLogoutResult } from './auth-logout.js'
import { authStatusCommand, type AuthStatusOptions, type AuthStatusResult } from './auth-status.js'
import { authTokenCommand, type AuthTokenOptions, type AuthTokenResult } from './auth-token.js'

// `auth login|token|logout|status` for protected resources (MCP servers) named by `--url`: each
// spec here parses `--url` and hands everything else to the host command it wraps, unchanged.

/** `auth login --url URL` on top of the other login flags. */
export type UrlLoginOptions = AuthLoginOptions & { url?: string }

/** What `auth login --url` did; its `--json` shape. */
export interface UrlLoginResult {
  /** The canonical resource URI the login is stored under. */
  resource: string
  /** The authorization server that issued it. */
  issuer: string
  flow: string
  /** The store it went to. */
  store: string
  scopes: string[]
  /** The client used and how it was had (`pre-registered`, `metadata-document`, `dynamic`); absent when another process's login was reused. */
  client?: { clientId: string; source: string }
}

// Flags of a host login that mean nothing for a resource login (its issuer and client come from discovery).
const HOST_ONLY = [
  'withToken',
  'tokenStdin',
  'device',
  'clientCredentials',
  'issuer',
  'tenant',
  'profileUrl',
  'resource',
  'clientSecretEnv',
  'clientSecretFile',
  'insecure',
  'begin',
  'resume',
] as const

/**
 * `auth login` flags, and `--url`: a resource login takes `--web`/`--no-browser`, `--client-id`,
 * `--scope`, `--store`, `--port`/`--port-range`, `--timeout`; no other flow or host flag.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a bad URL or a flag that does not apply.
 * @example `parseUrlLoginOptions({ opts: { url: 'https://mcp.example.com/mcp' }, ... }).url`
 */
export function parseUrlLoginOptions(input: ParseInput): UrlLoginOptions {
  const options = parseAuthLoginOptions(input)
  if (input.opts.url === undefined) return options
  const flag = HOST_ONLY.find((name) => input.opts[name] !== undefined && input.opts[name] !== false) ?? (input.opts.wait === false ? 'noWait' : undefined)
  if (flag !== undefined) throw usage(`--${kebab(flag)} cannot be used with --url`, 'a login to a resource finds its authorization server and client by discovery; drop the flag')
  if (input.globals.host !== undefined || input.globals.profile !== undefined)
    throw usage('--url cannot be used with --host or --profile', 'a resource login is stored under its URL, not in a profile')
  return { ...options, url: resourceUrl(input.opts.url, '--url') }
}

/**
 * Logs in to the resource at `--url`: discovery from its 401 (RFC 9728, then the authorization
 * server's metadata), the client (`--client-id`, else the one registered with that issuer
 * before, else a new registration, kept per issuer), then the browser flow (paste-back with
 * `--no-browser`, the device flow where no browser can open and the server has one), with
 * `resource` bound. The credential is stored under the resource URL in the CLI's stores.
 * @throws AuthError from discovery and login: `BAD_RESPONSE` (exit 5) for metadata naming another
 * resource or an unsafe authorization endpoint, `CONFIG_ERROR` (exit 2) when no client can be had,
 * exit 4 for a refused login; all before any registration or browser when discovery refuses.
 */
export async function runUrlLogin(options: UrlLoginOptions & { url: string }, ctx: CliContext): Promise<UrlLoginResult> {
  const mcp = await mcpSession(ctx, {
    url: options.url,
    clientId: options.clientId,
    scopes: options.scopes,
    store: options.store,
    browser: options.browser,
    // Where a browser can open (or --web), the browser; headless (no display, over SSH, no
    // BROWSER), the device flow when the server has one, else the printed URL and a pasted redirect.
    device: options.browser === undefined && !canOpenBrowserHere(ctx.env),
    paste: true,
    interactive: true,
    port: options.port,
    portRange: options.portRange,
    timeoutMs: options.timeoutMs,
  })
  const result = await mcp.login()
  if (result.store.kind === 'memory') ctx.warn('the memory store forgets the credential when this command ends')
  return {
    resource: mcp.serverUrl,
    issuer: result.credential.issuer ?? result.discovery.authorizationServer.issuer,
    flow: result.credential.flow,
    store: result.store.kind,
    scopes: [...result.credential.scopes],
    ...(result.client !== undefined && { client: { clientId: result.client.clientId, source: result.client.source } }),
  }
}

/** `auth login` with or without `--url` (without it: every host login, `--begin`/`--resume` included). */
export const authLoginUrlCommand: CommandSpec<UrlLoginOptions, AuthLoginOutcome | UrlLoginResult> = {
  id: 'auth login',
  parse: parseUrlLoginOptions,
  run: (options, ctx) => (options.url !== undefined ? runUrlLogin({ ...options, url: options.url }, ctx) : authLoginAnyCommand.run(options, ctx)),
  render: (result, ctx) => {
    if (!('resource' in result)) return authLoginAnyCommand.render(result, ctx)
    if (ctx.globals.json) return ctx.out.write(formatJson(result))
    const client = result.client === undefined ? '' : `, client ${result.client.clientId} (${result.client.source})`
    ctx.err.line(`${ctx.err.colors.green('✓')} Logged in to ${result.resource} (issuer ${result.issuer}${client}, store: ${result.store})`)
  },
}

/** `auth token --url URL`. */
export type UrlTokenOptions = AuthTokenOptions | { url: string }

/** `auth token` with or without `--url`: the resource's token, renewed first when it is about to expire; never a login (exit 4). */
export const authTokenAnyCommand: CommandSpec<UrlTokenOptions, AuthTokenResult> = {
  id: 'auth token',
  parse: (input) => {
    if (input.opts.url === undefined) return authTokenCommand.parse(input)
    if (input.opts.format !== undefined) throw usage('--format cannot be used with --url', 'the kubectl ExecCredential is for a host login')
    return { url: urlOnly(input) }
  },
  run: async (options, ctx) => {
    if (!('url' in options)) return authTokenCommand.run(options, ctx)
    const mcp = await mcpSession(ctx, { url: options.url, interactive: false })
    const before = await mcp.stored()
    const token = await notLoggedIn(mcp.getAccessToken({ noLogin: true }), options.url)
    const stored = await mcp.stored()
    const credential = stored?.credential
    return {
      token,
      source: stored?.source ?? 'unknown',
      host: mcp.serverUrl,
      account: stored?.key?.account ?? null,
      expiresAt: credential?.expiresAt === undefined ? null : new Date(credential.expiresAt).toISOString(),
      refreshed: before?.credential.accessToken !== token,
    }
  },
  render: (result, ctx) => authTokenCommand.render(result, ctx),
}

/** `auth logout --url URL`. */
export type UrlLogoutOptions = AuthLogoutOptions & { url?: string }

/** `auth logout` with or without `--url`: the resource's login forgotten from every store (revoked where the server allows); its registered client stays. */
export const authLogoutAnyCommand: CommandSpec<UrlLogoutOptions, AuthLogoutResult> = {
  id: 'auth logout',
  parse: (input) => {
    if (input.opts.url === undefined) return authLogoutCommand.parse(input)
    if (input.opts.all === true) throw usage('--all cannot be used with --url', 'log out of one resource with --url URL, or of everything with --all')
    return { all: false, url: urlOnly(input) }
  },
  run: async (options, ctx) => {
    if (options.url === undefined) return authLogoutCommand.run(options, ctx)
    const mcp = await mcpSession(ctx, { url: options.url, interactive: false })
    const result = await notLoggedIn(mcp.logout({ revoke: true }), options.url)
    if (result.loggedOut.length === 0) throw loginRequired(`not logged in to ${mcp.serverUrl}`, `run \`${CLI_NAME} auth status\` to see the resources`)
    return { loggedOut: result.loggedOut.map(({ host, account, stores, revoked }) => ({ host, account, stores, revoked })) }
  },
  render: (result, ctx) => authLogoutCommand.render(result, ctx),
}

/** One resource login in `auth status`. */
export interface ResourceStatus {
  resource: string
  issuer: string
  flow: string
  store: string
  expiresAt: string | null
  scopes: string[]
  valid: boolean
}

/** `auth status` with the resources (MCP servers) logged in to; `--json` has `resources` only when there is one. */
export type AnyStatusResult = AuthStatusResult & { resources: ResourceStatus[] }

/**
 * `auth status`, and after the profiles the resources logged in to with `--url` (offline: read
 * from the stores). With no profile at all, it exits 0 when a resource holds a usable login.
 */
export const authStatusAnyCommand: CommandSpec<AuthStatusOptions, AnyStatusResult> = {
  id: 'auth status',
  parse: (input) => authStatusCommand.parse(input),
  run: async (options, ctx) => {
    const result = await authStatusCommand.run(options, ctx)
    return { ...result, resources: options.only ? [] : await listResources(ctx) }
  },
  render: (result, ctx) => {
    const { resources, masked: _masked, ...json } = result
    const noProfile = result.profiles.length === 0
    // No resource: the host-only shape of CLI.md, unchanged.
    if (resources.length === 0) return authStatusCommand.render({ ...json, masked: result.masked }, ctx)
    if (ctx.globals.json && !noProfile) return authStatusCommand.render(result, ctx)
    if (ctx.globals.json) ctx.out.write(formatJson({ ...json, resources }))
    else {
      const { resources: _resources, ...profiles } = result
      try {
        if (!noProfile) authStatusCommand.render(profiles, ctx)
      } finally {
        for (const r of resources) ctx.out.write(formatResource(r, ctx))
      }
    }
    if (noProfile && !resources.some((r) => r.valid)) throw loginRequired('no resource holds a usable login', `run \`${CLI_NAME} auth login --url URL\``)
  },
}

/**
 * The resource logins in the CLI's stores, as `@auth/mcp`'s `isResourceCredential` tells them
 * (keyed by resource and issuer; registered clients and host logins are not listed).
 */
export async function listResources(ctx: CliContext): Promise<ResourceStatus[]> {
  const profile = ctx.resolveProfile({}, READ_ONLY)
  const stores = searchedStores(createStores(ctx, { keychainKey: profile.store === 'encrypted' }), profile.store)
  const seen = new Set<string>()
  const out: ResourceStatus[] = []
  // @auth/mcp decides what a resource login is; its chunk loads only when a key may be one.
  let isResourceCredential: ((key: CredentialKey, credential: Credential | undefined) => boolean) | undefined
  for (const store of stores) {
    // As a session does: a store that is not there (a keychain without D-Bus) is passed over.
    const probe = await probeStore(store)
    if (!probe.available) {
      ctx.logger.debug(`resources: the ${store.kind} store is not available (${probe.reason ?? 'no reason given'})`)
      continue
    }
    for (const key of await store.list()) {
      const id = `${key.host}\n${key.account}`
      if (seen.has(id) || !/^https?:\/\//.test(key.account)) continue
      const credential = await store.get(key)
      isResourceCredential ??= (await import('@auth/mcp')).isResourceCredential
      if (!credential || !isResourceCredential(key, credential)) continue
      seen.add(id)
      out.push({
        resource: key.host,
        issuer: key.account,
        flow: credential.flow,
        store: store.kind,
        expiresAt: credential.expiresAt === undefined ? null : new Date(credential.expiresAt).toISOString(),
        scopes: [...credential.scopes],
        valid: isUsable(credential),
      })
    }
  }
  return out
}

function formatResource(r: ResourceStatus, ctx: CliContext): string {
  const { colors } = ctx.out
  const rows: [string, string | null][] = [
    ['issuer', r.issuer],
    ['flow', r.flow],
    ['store', r.store],
    ['expires', r.expiresAt],
    ['scopes', r.scopes.length > 0 ? r.scopes.join(' ') : null],
  ]
  const lines = rows.filter(([, v]) => v !== null).map(([k, v]) => `  ${`${k}:`.padEnd(9)} ${sanitize(v as string)}`)
  const state = r.valid ? colors.green('✓ logged in') : colors.red('✗ expired; log in again')
  return `${colors.bold(sanitize(r.resource))} ${colors.dim('(resource)')}\n${lines.join('\n')}\n  ${state}\n`
}

// Stored text may come from a server or a tampered file: one line, no control or bidi characters.
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu, ' ').slice(0, 4096)
}

/** `--url` alone: `--host` and `--profile` name a profile, which a resource is not. */
function urlOnly(input: ParseInput): string {
  if (input.globals.host !== undefined || input.globals.profile !== undefined) throw usage('--url cannot be used with --host or --profile')
  return resourceUrl(input.opts.url, '--url')
}

/** `LOGIN_REQUIRED` from the session, said for the resource with the login command. */
async function notLoggedIn<T>(promise: Promise<T>, url: string): Promise<T> {
  try {
    return await promise
  } catch (error) {
    if (!AuthError.isInstance(error) || error.code !== ErrorCode.LOGIN_REQUIRED) throw error
    throw loginRequired(`not logged in to ${url}`, `run \`${CLI_NAME} auth login --url ${url}\``)
  }
}

function usage(message: string, hint?: string): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, ...(hint !== undefined && { hint }) })
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}
