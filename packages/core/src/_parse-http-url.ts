import { ConfigError } from './errors.js'
import { isLoopbackHost } from './is-loopback-host.js'

/** Options of {@link parseHttpUrl}. Internal. */
export interface ParseHttpUrlOptions {
  /** What is being parsed, for messages: `host`, `--issuer`, `AUTHCLI_HOST`. */
  what: string
  /** Allow plain `http://` to a non-loopback host. */
  allowInsecure?: boolean
  /** Add `https://` when the input has no scheme. */
  defaultScheme?: boolean
}

/**
 * Parses and checks an http(s) URL: only http/https, no user info, a host, plain http only for
 * loopback unless allowed. Messages never echo the input (it may hold a password). Internal.
 * @throws ConfigError `CONFIG_ERROR`
 */
export function parseHttpUrl(input: unknown, options: ParseHttpUrlOptions): URL {
  const { what } = options
  if (typeof input !== 'string' || input.trim() === '') throw new ConfigError(`${what} must be a non-empty URL`)
  const text = input.trim()
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw new ConfigError(`${what} must not contain spaces or control characters`)
  const withScheme = options.defaultScheme && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? `https://${text}` : text
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new ConfigError(`${what} is not a valid URL`, { hint: 'use a URL like https://api.example.com' })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${what} must be an http or https URL (got ${url.protocol.slice(0, 20)})`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(`${what} must not contain a user name or password`, {
      hint: 'remove the "user:password@" part; credentials go through `auth login`',
    })
  }
  if (url.hostname === '') throw new ConfigError(`${what} has no host name`)
  if (url.protocol === 'http:' && !options.allowInsecure && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(`${what} uses plain http:// to a non-loopback host, so tokens would travel in clear text`, {
      hint: 'use https://, or pass --insecure if you really mean it',
    })
  }
  return url
}

/** {@link parseHttpUrl} with a bare-host default, reduced to `scheme://host[:port][/path]`. Internal. */
export function normalizeHostAs(input: unknown, what: string, allowInsecure: boolean): string {
  const url = parseHttpUrl(input, { what, defaultScheme: true, allowInsecure })
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
}
