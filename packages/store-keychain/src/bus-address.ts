/** Where a D-Bus address points: a Unix socket (`path`, `\0`-prefixed when abstract) or TCP. */
export type BusSocket = { path: string } | { host: string; port: number }

/**
 * Parses `DBUS_SESSION_BUS_ADDRESS` (`unix:path=/run/user/1000/bus`, `unix:abstract=/tmp/dbus-x,guid=...`,
 * `tcp:host=127.0.0.1,port=4000`, several separated by `;`) into the first socket Node can dial.
 * `undefined` for anything else (`unixexec:`, `launchd:`, `autolaunch:`, garbage): the caller then
 * skips the check and leaves the transport to libdbus.
 * @see https://dbus.freedesktop.org/doc/dbus-specification.html#addresses
 */
export function parseBusAddress(address: string, runtimeDir?: string): BusSocket | undefined {
  for (const part of address.split(';')) {
    const colon = part.indexOf(':')
    if (colon <= 0) continue
    const keys = parseKeys(part.slice(colon + 1))
    if (!keys) continue
    const socket = toSocket(part.slice(0, colon), keys, runtimeDir)
    if (socket) return socket
  }
  return undefined
}

function toSocket(transport: string, keys: Map<string, string>, runtimeDir: string | undefined): BusSocket | undefined {
  if (transport === 'unix') {
    const path = keys.get('path')
    if (path) return { path }
    const abstract = keys.get('abstract')
    if (abstract) return { path: `\0${abstract}` }
    if (keys.get('runtime') === 'yes' && runtimeDir) return { path: `${runtimeDir}/bus` }
    return undefined
  }
  if (transport !== 'tcp') return undefined
  const host = keys.get('host') ?? 'localhost'
  const port = Number(keys.get('port'))
  return Number.isInteger(port) && port > 0 && port < 65536 ? { host, port } : undefined
}

function parseKeys(text: string): Map<string, string> | undefined {
  const keys = new Map<string, string>()
  for (const pair of text.split(',')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    if (eq <= 0) return undefined
    try {
      keys.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)))
    } catch {
      return undefined
    }
  }
  return keys
}
