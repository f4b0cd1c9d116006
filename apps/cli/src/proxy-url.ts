// The rule for the proxy variables, with no import: `network-fetch.ts` applies it to every request
// (and refuses a variable that breaks it), the hot path of `auth token` (hot-token.ts) checks it
// before answering, since the full CLI refuses such a variable before it looks for a token.

type Env = Readonly<Record<string, string | undefined>>

/** The proxy variables the CLI reads, by the requests they serve, each list in the order it is read. */
export const PROXY_VARIABLES = {
  all: ['all_proxy', 'ALL_PROXY'],
  http: ['http_proxy', 'HTTP_PROXY'],
  https: ['https_proxy', 'HTTPS_PROXY'],
} as const

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks:', 'socks5:'])

/**
 * The first of `names` that is set to more than blanks in `env`.
 * @example `firstSetName({ HTTPS_PROXY: 'h:1' }, PROXY_VARIABLES.https)` is `'HTTPS_PROXY'`
 */
export function firstSetName(env: Env, names: readonly string[]): string | undefined {
  return names.find((name) => env[name]?.trim())
}

/**
 * The proxy URL a proxy variable's value names (`host:port` is `http://host:port`): an http(s)
 * or socks URL with a host; `undefined` when it names none.
 * @example `proxyUrl('proxy.corp:3128')` is `'http://proxy.corp:3128/'`; `proxyUrl('ftp://p')` is `undefined`
 */
export function proxyUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`)
  } catch {
    return undefined
  }
  return PROXY_SCHEMES.has(url.protocol) && url.hostname !== '' ? url.href : undefined
}

/**
 * Whether the proxy variables the CLI reads (the first set one of each list) all name a proxy:
 * where one does not, every command that builds a session refuses it (`CONFIG_ERROR`).
 * @example `proxyVariablesUsable({ HTTPS_PROXY: 'ftp://p' })` is `false`
 */
export function proxyVariablesUsable(env: Env): boolean {
  return Object.values(PROXY_VARIABLES).every((names) => {
    const name = firstSetName(env, names)
    return name === undefined || proxyUrl((env[name] as string).trim()) !== undefined
  })
}
