// The fetch of an MCP transport: bearer, 401 → login, 403 insufficient_scope → step-up. Internal.
import type { SessionCredential } from '@auth/core'
import { isRefreshable } from '@auth/core'
import { bearerChallenge, parseWwwAuthenticate } from './discovery/www-authenticate.js'
import { splitScopes } from './discovery/scopes.js'
import type { Settings } from './_settings.js'
import type { AuthorizeRequest } from './login/_authorize.js'

/** What the fetch needs of the MCP session. */
export interface FetchParts {
  /** The credential in force (stored, renewed when due), or none. */
  current(): Promise<SessionCredential | undefined>
  /** A renewal of a refused token; undefined when it cannot be renewed. */
  renew(credential: SessionCredential): Promise<SessionCredential | undefined>
  /** A new login (or the one another process just made). */
  authorize(request: AuthorizeRequest): Promise<SessionCredential>
}

/**
 * Builds the `fetch`: a request to the server's origin carries the bearer token (none before
 * the first login); a 401 is answered by one renewal (when the token can be renewed) and else
 * one login, then the request is sent again; a 403 `insufficient_scope` by a fresh
 * authorization for the union of the held and the challenged scopes, at most `maxStepUps` times.
 * A request to another origin goes out untouched: no token ever leaves for another server.
 * The body is read once, so it can be sent again.
 */
export function createMcpFetch(s: Settings, parts: FetchParts): typeof globalThis.fetch {
  const send = s.fetch ?? globalThis.fetch
  return async (input, init) => {
    const base = new Request(input, init)
    if (new URL(base.url).origin !== s.server.origin) return send(input, init)
    const body = base.body === null ? undefined : await base.arrayBuffer()
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined)
    const attempt = (credential: SessionCredential | undefined) => {
      const headers = new Headers(base.headers)
      if (credential !== undefined) headers.set('authorization', `Bearer ${credential.credential.accessToken}`)
      else headers.delete('authorization')
      return send(base.url, { method: base.method, headers, ...(body !== undefined && { body }), redirect: init?.redirect ?? 'manual', ...(signal != null && { signal }) })
    }
    let credential = await parts.current()
    let response = await attempt(credential)
    let renewed = false
    let loggedIn = false
    let stepUps = 0
    for (;;) {
      const challenge = response.status === 401 || response.status === 403 ? bearerChallenge(response) : undefined
      // A 401 that asks for another scheme only (Basic, Negotiate) is not an OAuth login: returned as is.
      if (response.status === 401 && challenge === undefined && parseWwwAuthenticate(response.headers.get('www-authenticate')).length > 0) return response
      if (response.status === 401 && !loggedIn) {
        await response.body?.cancel().catch(() => {})
        const rejected = credential
        credential = undefined
        if (rejected !== undefined && !renewed && isRefreshable(rejected.credential)) {
          renewed = true
          credential = await parts.renew(rejected)
        }
        if (credential === undefined) {
          loggedIn = true
          credential = await parts.authorize({ challenge, rejected: rejected?.credential.accessToken, ...(signal != null && { signal }) })
        }
        response = await attempt(credential)
        continue
      }
      if (response.status === 403 && challenge?.params.error === 'insufficient_scope' && stepUps < s.maxStepUps) {
        await response.body?.cancel().catch(() => {})
        stepUps++
        const scopes = [...new Set([...(credential?.credential.scopes ?? []), ...splitScopes(challenge.params.scope)])]
        credential = await parts.authorize({ challenge, scopes, rejected: credential?.credential.accessToken, ...(signal != null && { signal }) })
        response = await attempt(credential)
        continue
      }
      return response
    }
  }
}
