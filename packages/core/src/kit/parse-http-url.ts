import { ConfigError } from '../errors/classes.js'
import { isLoopbackHost } from '../model/host.js'

/** Options of {@link parseHttpUrl}. */
export interface ParseHttpUrlOptions {
  /** Who checks, put before the message: `@auth/flow-pat: createPatFlow`. Default none. */
  where?: string | undefined
  /** The option being parsed, named in messages as `"issuer"`. One of `option` and `what` is needed. */
  option?: string | undefined
  /** The value being parsed, named in messages as is (`host`, `--issuer`, `MYCLI_HOST`); `option` wins. */
  what?: string | undefined
  /** Allow plain `http://` to a host that is not loopback. Default `false`. */
  allowInsecure?: boolean | undefined
  /** Add `https://` when the input has no scheme (`api.example.com`). Default `false`. */
  defaultScheme?: boolean | undefined
  /** Resolve a relative URL (`/user`) against this base. Default none: relative URLs are refused. */
  base?: string | URL | undefined
  /** Refuse a query or fragment (an OAuth issuer, OIDC Discovery §3). Default `false`. */
  noQuery?: boolean | undefined
  /** The hint when plain `http://` is refused. Default: name the `allowInsecure` option. */
  insecureHint?: string | undefined
}

/**
 * Parses and checks an http(s) URL a token or secret will be sent to: only `http:`/`https:`, no
 * user name or password, a host, no spaces or control characters, and plain `http://` only to a
 * loopback host ({@link isLoopbackHost}: `localhost`, `127.0.0.0/8`, `[::1]`; not
 * `*.localhost`) unless `allowInsecure`. A fragment is dropped. Messages name the option and
 * never echo the value (it may hold a password).
 *
 * @returns The parsed URL.
 * @throws ConfigError `CONFIG_ERROR` (exit 2): `<where>: "<option>" must be an http or https URL`, ...
 * @example
 * ```ts
 * const issuer = parseHttpUrl(options.issuer, { where: '@auth/flow-x: createXFlow', option: 'issuer', noQuery: true })
 * parseHttpUrl('http://evil.localhost', { option: 'issuer' }) // throws: plain http:// to a non-loopback host
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-8.3 (loopback)
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1 (TLS on every endpoint)
 */
export function parseHttpUrl(input: unknown, options: ParseHttpUrlOptions): URL {
  const what = options.option !== undefined ? `"${options.option}"` : (options.what ?? 'the URL')
  const fail = (problem: string, hint?: string): never => {
    const message = `${options.where ? `${options.where}: ` : ''}${what} ${problem}`
    throw new ConfigError(message, hint === undefined ? {} : { hint })
  }
  if (!(input instanceof URL) && (typeof input !== 'string' || input.trim() === '')) return fail('must be a non-empty URL')
  const text = String(input).trim()
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(text)) fail('must not contain spaces or control characters')
  const withScheme = options.defaultScheme && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? `https://${text}` : text
  let url: URL
  try {
    url = new URL(withScheme, options.base)
  } catch {
    return fail('is not a valid URL', 'use a URL like https://api.example.com')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`must be an http or https URL (got ${url.protocol.slice(0, 20)})`)
  if (url.username !== '' || url.password !== '') {
    fail('must not contain a user name or password', 'remove the "user:password@" part; credentials never go in a URL')
  }
  if (url.hostname === '') fail('has no host name')
  if (options.noQuery && (url.search !== '' || url.hash !== '')) fail('must not contain a query or fragment')
  if (url.protocol === 'http:' && !options.allowInsecure && !isLoopbackHost(url.hostname)) {
    fail(
      'uses plain http:// to a non-loopback host, so tokens would travel in clear text',
      options.insecureHint ?? (options.option !== undefined ? 'use https://, or set the "allowInsecure" option for a test server' : INSECURE_FLAG_HINT),
    )
  }
  url.hash = ''
  return url
}

/**
 * Hosts already normalised, by input: a lookup normalises the same few hosts again and again
 * (the session's host, every key of the credentials file on each read), and a URL parse is
 * the dearest part of it. Only answers to strings are kept (a refusal is checked each time); bounded.
 */
const normalized = new Map<string, string>()

/** {@link parseHttpUrl} with a bare-host default, reduced to `scheme://host[:port][/path]`. Internal. */
export function normalizeHostAs(input: unknown, what: string, allowInsecure: boolean): string {
  const memo = typeof input === 'string' ? allowInsecure + input : ''
  let host = normalized.get(memo)
  if (host === undefined) {
    const url = parseHttpUrl(input, { what, defaultScheme: true, allowInsecure })
    host = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
    if (normalized.size > 255) normalized.clear()
    if (memo) normalized.set(memo, host)
  }
  return host
}

/** The hint of core's own config checks (`what`, not `option`): config values the CLI's `--insecure` relaxes. */
const INSECURE_FLAG_HINT = 'use https://, or pass --insecure if you really mean it'
