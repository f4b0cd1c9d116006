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
