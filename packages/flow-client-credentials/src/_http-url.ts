import { isLoopbackHost } from '@auth/core'
import { invalid } from './_invalid.js'

/**
 * Parses the issuer URL: http(s) only, no user info, no query or fragment, plain `http://`
 * only to loopback unless `allowInsecure`. Messages never echo the value. Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2)
 */
export function parseIssuer(input: unknown, where: string, allowInsecure: boolean): URL {
  if (typeof input !== 'string' || input.trim() === '') invalid(where, '"issuer" must be a non-empty URL')
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return invalid(where, '"issuer" is not a valid URL', 'use a URL like https://login.example.com')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(where, '"issuer" must be an http or https URL')
  if (url.username !== '' || url.password !== '') invalid(where, '"issuer" must not contain a user name or password')
  if (url.search !== '' || url.hash !== '') invalid(where, '"issuer" must not have a query or fragment')
  if (url.protocol === 'http:' && !allowInsecure && !isLoopbackHost(url.hostname)) {
    invalid(where, '"issuer" uses plain http:// to a non-loopback host, so the client secret would travel in clear text', 'use https://, or pass --insecure if you really mean it')
  }
  return url
}
