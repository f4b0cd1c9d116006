import { normalizeHostAs } from '../kit/parse-http-url.js'

/** Options of {@link normalizeHost}. */
export interface NormalizeHostOptions {
  /** Allow plain `http://` to a non-loopback host (the CLI's `--insecure`). Default `false`. */
  allowInsecure?: boolean
}

/**
 * Normalises a host as a user types it into the canonical API base URL that credentials are
 * stored under: `https://` added to a bare host; scheme and host lowercased; default port,
 * query, fragment and trailing slashes dropped; the path kept (case-sensitive).
 *
 * Only `http` and `https`; plain `http://` only to loopback (`localhost`, `127.0.0.0/8`,
 * `[::1]`) unless `allowInsecure`. A URL with `user:password@` is refused, and the error
 * never repeats the input.
 *
 * @param input - `example.com`, `https://Example.COM:443/`, `http://127.0.0.1:8080/api/`.
 * @returns e.g. `https://example.com`, `http://127.0.0.1:8080/api`.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on anything else; hint `--insecure` for plain http.
 * @example
 * ```ts
 * normalizeHost('Example.COM')                  // 'https://example.com'
 * normalizeHost('https://example.com:443/api/') // 'https://example.com/api'
 * normalizeHost('http://example.com', { allowInsecure: true }) // 'http://example.com'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-8.3 (loopback redirects over http)
 */
export function normalizeHost(input: string, options: NormalizeHostOptions = {}): string {
  return normalizeHostAs(input, 'host', options?.allowInsecure === true)
}

/**
 * Whether a URL hostname (as `URL#hostname` gives it) is a loopback address: exactly
 * `localhost`, an IPv4 address in `127.0.0.0/8`, or `[::1]` (`::1`). Plain `http://` is allowed
 * to these only, unless the caller allows insecure URLs.
 *
 * `*.localhost` is NOT loopback here: such a name is resolved like any other (DNS, `/etc/hosts`),
 * so `evil.localhost` may point anywhere. `localhost.` (with the root dot) is refused for the same
 * reason. IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`) is refused too.
 *
 * @example `isLoopbackHost(new URL('http://127.0.0.1:8080').hostname)` is `true`; `isLoopbackHost('evil.localhost')` is `false`
 * @throws Never: anything that is not a loopback host name gives `false`.
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-8.3
 * @see https://www.rfc-editor.org/rfc/rfc6761#section-6.3
 */
export function isLoopbackHost(hostname: string): boolean {
  if (typeof hostname !== 'string') return false
  const h = hostname.toLowerCase()
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255)
}
