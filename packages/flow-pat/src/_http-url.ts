import { isLoopbackHost } from '@auth/core'
import { invalid } from './_invalid.js'

/**
 * Parses an http(s) URL the token will be sent to, resolving a relative one against `base`:
 * http(s) only, no user info, plain `http://` only to loopback unless `allowInsecure`.
 * Messages name the function (`where`) and the option (`name`), never the value. Internal.
 * @throws ConfigError `CONFIG_ERROR`
 */
export function parseHttpUrl(input: unknown, where: string, name: string, allowInsecure: boolean, base?: string): URL {
  const what = `"${name}"`
  if (typeof input !== 'string' && !(input instanceof URL)) invalid(where, `${what} must be a URL string`)
  let url: URL
  try {
    url = new URL(String(input).trim(), base)
  } catch {
    return invalid(where, `${what} is not a valid URL`, 'use a URL like https://api.example.com/user')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(where, `${what} must be an http or https URL`)
  if (url.username !== '' || url.password !== '') invalid(where, `${what} must not contain a user name or password`)
  if (url.protocol === 'http:' && !allowInsecure && !isLoopbackHost(url.hostname)) {
    invalid(where, `${what} uses plain http:// to a non-loopback host, so the token would travel in clear text`, 'use https://, or pass --insecure if you really mean it')
  }
  url.hash = ''
  return url
}
