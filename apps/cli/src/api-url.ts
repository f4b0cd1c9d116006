import { ConfigError, ErrorCode } from '@auth/core'
import { CLI_NAME } from './app.js'

/**
 * The URL of an `api` request: `path` relative to the host's URL (`/api/v1/echo` under
 * `https://example.com/base` is `https://example.com/base/api/v1/echo`), query kept. An absolute
 * URL is accepted only when it lies under the host: the token is never sent anywhere else.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for an empty path, another origin (`https://evil.example`,
 * `//evil.example`), a path that climbs out of the host's base path, or control characters.
 * @example `resolveApiUrl('https://api.example.com', '/user?fields=id').href` is `'https://api.example.com/user?fields=id'`
 */
export function resolveApiUrl(host: string, path: string): URL {
  if (path.trim() === '' || /[\u0000-\u001f\u007f]/.test(path)) throw usage('PATH must be a path on the host, like /api/v1/profile')
  const base = new URL(host.endsWith('/') ? host : `${host}/`)
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) || path.startsWith('//') || path.startsWith('\\\\')
  let url: URL
  try {
    url = absolute ? new URL(path) : new URL(path.replace(/^\/+/, ''), base)
  } catch {
    throw usage('PATH is not a valid path or URL')
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw usage(`PATH must stay on ${host}: the token is sent only there`, `give a path relative to the host (/api/v1/profile), or pass --host for another host`)
  }
  url.hash = ''
  return url
}

function usage(message: string, hint = `for example: ${CLI_NAME} api /api/v1/profile`): ConfigError {
  return new ConfigError(message, { code: ErrorCode.USAGE_ERROR, hint })
}
