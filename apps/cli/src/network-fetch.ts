import { ConfigError } from '@auth/core'
import type { Env } from './context.js'
import { firstSetName, PROXY_VARIABLES, proxyUrl } from './proxy-url.js'

type Fetch = typeof globalThis.fetch

/** The proxies and extra CAs every request goes through; what `network-agent.ts` builds a dispatcher from. */
export interface NetworkSettings {
  /** For `http://` URLs: `http_proxy`, `HTTP_PROXY`, else `all_proxy`, `ALL_PROXY`. */
  httpProxy?: string
  /** For `https://` URLs: `https_proxy`, `HTTPS_PROXY`, else `all_proxy`, `ALL_PROXY`. */
  httpsProxy?: string
  /** Hosts reached directly: `no_proxy`, `NO_PROXY` (`127.0.0.1,.corp.example`, `*`). */
  noProxy?: string
  /** The profile's `ca_file`: PEM certificates trusted besides the system ones. */
  caFile?: string
  /** How to name `caFile` in an error: `ca_file`, `profiles.work.ca_file`. */
  caFileLabel?: string
  /** `NODE_EXTRA_CA_CERTS`: kept trusted when `ca_file` replaces the default CA list. */
  extraCaCerts?: string
}

/** Options of {@link createNetworkFetch}. */
export interface NetworkFetchOptions {
  /** Where the proxy variables are read. */
  env: Env
  /** The profile's `ca_file`, checked on the first request: a readable PEM file with a certificate. */
  caFile?: string | undefined
  /** How to name `caFile` in an error; default `ca_file`. */
  caFileLabel?: string | undefined
  /** The fetch used when no proxy and no `ca_file` is set; default the global one. */
  fetch?: Fetch | undefined
}

/**
 * What the environment and the profile ask of the network, or `undefined` when nothing: then the
 * global fetch is used as is, and undici is never loaded.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for a proxy variable that is not an http(s) or socks URL.
 * @example `networkSettings({ HTTPS_PROXY: 'http://proxy:3128' })` is `{ httpsProxy: 'http://proxy:3128' }`
 */
export function networkSettings(env: Env, caFile?: string, caFileLabel?: string): NetworkSettings | undefined {
  const all = proxyVariable(env, PROXY_VARIABLES.all)
  const httpProxy = proxyVariable(env, PROXY_VARIABLES.http) ?? all
  const httpsProxy = proxyVariable(env, PROXY_VARIABLES.https) ?? all
  if (httpProxy === undefined && httpsProxy === undefined && caFile === undefined) return undefined
  const noProxy = firstSet(env, 'no_proxy', 'NO_PROXY')
  const extraCaCerts = firstSet(env, 'NODE_EXTRA_CA_CERTS')
  return {
    ...(httpProxy !== undefined && { httpProxy }),
    ...(httpsProxy !== undefined && { httpsProxy }),
    ...(noProxy !== undefined && { noProxy }),
    ...(caFile !== undefined && { caFile, caFileLabel: caFileLabel ?? 'ca_file' }),
    ...(extraCaCerts !== undefined && { extraCaCerts }),
  }
}

/**
 * The fetch every request of the CLI goes through: through the proxy that `HTTPS_PROXY`,
 * `HTTP_PROXY` or `ALL_PROXY` name (not for hosts in `NO_PROXY`, and never for loopback hosts,
 * whatever `NO_PROXY` says), trusting the profile's
 * `ca_file` besides the system CAs. undici (its `fetch` with an `EnvHttpProxyAgent`) is loaded on
 * the first request, and only when a proxy or a `ca_file` is set; otherwise this is `fetch` itself.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once for a malformed proxy variable; from the
 *   first request for a `ca_file` that cannot be read or holds no PEM certificate.
 * @example `createAuth({ ..., fetch: createNetworkFetch({ env: process.env, caFile: profile.caFile }) })`
 */
export function createNetworkFetch(options: NetworkFetchOptions): Fetch {
  const base = options.fetch ?? globalThis.fetch
  const settings = networkSettings(options.env, options.caFile, options.caFileLabel)
  if (settings === undefined) return base
  let loading: Promise<Fetch> | undefined
  return async (input, init) => {
    loading ??= import('./network-agent.js').then((agent) => agent.createAgentFetch(settings))
    loading.catch(() => (loading = undefined))
    return (await loading)(input, init)
  }
}

/** The trimmed value of the first of `names` set to more than blanks. */
function firstSet(env: Env, ...names: string[]): string | undefined {
  const name = firstSetName(env, names)
  return name === undefined ? undefined : (env[name] as string).trim()
}

function proxyVariable(env: Env, names: readonly string[]): string | undefined {
  const name = firstSetName(env, names)
  if (name === undefined) return undefined
  const url = proxyUrl((env[name] as string).trim())
  if (url === undefined) throw new ConfigError(`${name} is not a proxy URL`, { hint: `set ${name} to http://HOST:PORT (or https://, socks5://), or unset it` })
  return url
}
