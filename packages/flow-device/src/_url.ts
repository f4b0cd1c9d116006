// URL checks for options. Internal.
import { isLoopbackHost } from '@auth/core'
import { invalidOption } from './_options.js'

/** Whether `url` may be used: https, or http on loopback, or http with `allowInsecure`. */
export function isAllowedUrl(url: URL, allowInsecure: boolean): boolean {
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && (allowInsecure || isLoopbackHost(url.hostname))
}

/**
 * Parses an http(s) URL option. An issuer may carry neither a query nor a fragment (OIDC
 * Discovery §3); no URL may carry a user name or password.
 * @throws ConfigError `CONFIG_ERROR` naming the option.
 */
export function checkUrl(value: unknown, name: string, allowInsecure: boolean, issuer: boolean): URL {
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) invalidOption(name, 'must be an http(s) URL')
  if (url.username !== '' || url.password !== '') invalidOption(name, 'must not contain a user name or password')
  if (issuer && (url.search !== '' || url.hash !== '')) invalidOption(name, 'must not contain a query or fragment')
  if (!isAllowedUrl(url, allowInsecure)) {
    invalidOption(name, 'must be an https:// URL (http:// is allowed on loopback only)', 'use https, or pass --insecure (allowInsecure) for a test server')
  }
  return url
}
