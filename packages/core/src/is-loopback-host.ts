/**
 * Whether a URL hostname (as `URL#hostname` gives it) is a loopback address: `localhost`,
 * `*.localhost`, `127.0.0.0/8` or `[::1]`. Plain `http://` is allowed to these only, unless the
 * user says `--insecure`.
 * @example `isLoopbackHost(new URL('http://127.0.0.1:8080').hostname)` is `true`
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-8.3
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h)
}
