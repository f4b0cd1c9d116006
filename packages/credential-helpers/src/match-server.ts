import { isLoopbackHost } from '@auth/core'

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' }
// [scheme://]authority[/path...]: split without a URL parser. WHATWG URL rewrites hosts
// (0x7f.0.0.1, 2130706433 and a backslash all become 127.0.0.1), and a helper must compare the
// server as the tool wrote it. No user info, spaces or backslashes.
const SERVER = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/?#@\s\\]+)(?:[/?#][^\s]*)?$/

/**
 * Whether a tool asks about `host` (a session's normalised host URL): the server address a
 * credential helper got (`registry.example.com`, `registry.example.com:5000`,
 * `https://registry.example.com/v1/`) names exactly the host's `host[:port]` (lower-cased;
 * `host:443` / `host:80` when the host has no port), with the host's scheme when it gives one.
 * The host itself must be https, or http on loopback: a token never goes to a plain-http server
 * elsewhere. Nothing is parsed as a URL, so `0x7f.0.0.1` or `127.0.0.1:04555` are other servers.
 * @throws Never: anything malformed is another server.
 * @example `matchesServer('registry.example.com', 'https://registry.example.com')` is `true`
 * @example `matchesServer('http://registry.example.com', 'https://registry.example.com')` is `false`
 */
export function matchesServer(server: string, host: string): boolean {
  let target: URL
  try {
    target = new URL(host)
  } catch {
    return false
  }
  const scheme = target.protocol.slice(0, -1)
  if (scheme !== 'https' && !(scheme === 'http' && isLoopbackHost(target.hostname))) return false
  const parts = typeof server === 'string' && server.length <= 2048 ? SERVER.exec(server.trim()) : null
  if (parts === null) return false
  const [, asked, authority = ''] = parts
  if (asked !== undefined && asked.toLowerCase() !== scheme) return false
  const named = authority.toLowerCase()
  return named === target.host || (target.port === '' && named === `${target.host}:${DEFAULT_PORTS[scheme]}`)
}

/** The server address a tool keys a host by: `host[:port]`, no scheme (`docker login registry.example.com`). */
export function serverAddress(host: string): string {
  return new URL(host).host
}
