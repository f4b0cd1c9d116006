import { isScopeToken } from '@auth/core/kit'
import { badResponse } from './bad-response.js'

/**
 * Splits a scope list as servers send it: `X-OAuth-Scopes: repo, read:org` (comma and space
 * separated, GitHub) or a body `scope: "a b"`; each token checked with core's `isScopeToken`
 * (RFC 6749 §3.3). Duplicates dropped, order kept. Internal.
 * @throws NetworkError `BAD_RESPONSE` on a scope with characters RFC 6749 does not allow.
 */
export function splitScopes(text: string, where: string): string[] {
  const scopes = text.split(/[\s,]+/).filter((s) => s !== '')
  if (!scopes.every(isScopeToken)) throw badResponse(where, 'a scope has characters a scope cannot have')
  return [...new Set(scopes)]
}

/**
 * Checks a body `scopes` array: strings, each a valid scope. Internal.
 * @throws NetworkError `BAD_RESPONSE`
 */
export function scopeArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) throw badResponse(where, '"scopes" must be an array of strings')
  return splitScopes(value.join(' '), where)
}
