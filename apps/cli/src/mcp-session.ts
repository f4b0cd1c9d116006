import { ConfigError, ErrorCode } from '@auth/core'
import { parseHttpUrl } from '@auth/core/kit'
import type { McpAuth, McpAuthOptions } from '@auth/mcp'
import { CLI_NAME } from './app.js'
import { browserCanOpen } from './commands/auth-login.js'
import type { CliContext } from './context.js'
import { createLoginContext } from './login-context.js'
import { READ_ONLY } from './profile-credential.js'
import { searchedStores } from './session.js'
import { createStores } from './stores/create-stores.js'

/** What a `--url` command or `mcp proxy` asks of the resource's session. */
export interface McpSessionOptions {
  /** The protected resource (MCP server) URL, as the user gave it. */
  url: string
  /** `--client-id`: a pre-registered client (else the one registered per issuer, else a new registration). */
  clientId?: string | undefined
  /** `--scope`: exactly these scopes instead of the discovered ones. */
  scopes?: readonly string[] | undefined
  /** `--store`: where a login writes (else `AUTHCLI_STORE`, the config, `auto`). */
  store?: string | undefined
  /** `false`: paste-back (`--no-browser`); the pasted redirect URL is read from stdin. */
  browser?: boolean | undefined
  /** Whether the device flow may be used (where the server has one and no browser can open). */
  device?: boolean | undefined
  /** Whether stdin may be read for a pasted redirect URL (never for `mcp proxy`: its stdin is JSON-RPC). */
  paste?: boolean | undefined
  /** Whether a login may start at all (`auth token --url` never logs in). */
  interactive?: boolean | undefined
  port?: number | undefined
  portRange?: readonly [number, number] | undefined
  timeoutMs?: number | undefined
}

/**
 * Whether a browser can open here for a login: a display (or macOS, Windows) and not SSH, as
 * for a host login, or `BROWSER` set (the opener tries it first).
 * @example `canOpenBrowserHere({ BROWSER: 'firefox' })` is `true`
 */
export function canOpenBrowserHere(env: CliContext['env'], platform: NodeJS.Platform = process.platform): boolean {
  return browserCanOpen(env, platform) || (env.BROWSER ?? '').trim() !== ''
}

/**
 * Checks a resource URL from the command line: http(s), plain http only to loopback.
 * @throws ConfigError `USAGE_ERROR` (exit 2), naming the flag.
 * @example `resourceUrl('https://mcp.example.com/mcp', '--url')`
 */
export function resourceUrl(url: unknown, flag: string): string {
  try {
    return parseHttpUrl(url, { what: flag }).href
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new ConfigError(message, { code: ErrorCode.USAGE_ERROR, hint: `give the server's URL, for example ${flag} https://mcp.example.com/mcp` })
  }
}

/**
 * The session of one protected resource (an MCP server): `createMcpAuth` of `@auth/mcp` over the
 * CLI's stores (the same keychain, encrypted file and file as every other login, so every
 * instance and every version of the CLI shares one stored login and one refresh lock), the
 * config folder for locks, the CLI's fetch (proxy, CA, `--debug` log) and its messages on
 * stderr. `@auth/mcp` is loaded here, on first use: other commands never read it.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a URL that is not http(s).
 * @example `const mcp = await mcpSession(ctx, { url }); ctx.out.line(await mcp.getAccessToken({ noLogin: true }))`
 */
export async function mcpSession(ctx: CliContext, options: McpSessionOptions): Promise<McpAuth> {
  const serverUrl = resourceUrl(options.url, '--url')
  const profile = ctx.resolveProfile(options.store !== undefined ? { store: options.store } : {}, READ_ONLY)
  const stores = createStores(ctx, { keychainKey: profile.store === 'encrypted' })
  const runtime = createLoginContext(ctx, { profile })
  const { createMcpAuth } = await import('@auth/mcp')
  const mcpOptions: McpAuthOptions = {
    name: CLI_NAME,
    serverUrl,
    dir: ctx.configLocation.dir,
    stores: searchedStores(stores, profile.store),
    store: profile.store,
    env: ctx.env,
    loginCommand: `${CLI_NAME} auth login --url ${serverUrl}`,
    interactive: options.interactive ?? runtime.interactive ?? false,
    signal: ctx.signal,
    ...(runtime.fetch && { fetch: runtime.fetch }),
    ...(runtime.logger && { logger: runtime.logger }),
    context: { ...(runtime.output && { output: runtime.output }) },
    ...(options.clientId !== undefined && { client: { clientId: options.clientId } }),
    ...(options.scopes !== undefined && options.scopes.length > 0 && { scopes: options.scopes }),
    ...(options.browser !== undefined && { browser: options.browser }),
    // The device flow's factory only where it may be used (no browser here): the flows chunk is not loaded otherwise.
    ...(options.device === true && { device: (await import('@auth/flow-device')).createDeviceFlow }),
    input: options.paste === true && ctx.stdin !== undefined ? ctx.stdin : null,
    ...(options.port !== undefined && { port: options.port }),
    ...(options.portRange !== undefined && { portRange: options.portRange }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  }
  return createMcpAuth(mcpOptions)
}
