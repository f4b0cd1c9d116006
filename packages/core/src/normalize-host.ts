import { normalizeHostAs } from './_parse-http-url.js'

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
