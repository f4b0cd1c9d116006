/** What {@link chooseScopes} chooses from. */
export interface ChooseScopesInput {
  /** The `scope` of the 401/403 challenge (space-separated). */
  challenge?: string | undefined
  /** The protected resource metadata's `scopes_supported`. */
  scopesSupported?: readonly string[] | undefined
  /** The authorization server's `scopes_supported`: `offline_access` is added when it lists it. */
  serverScopes?: readonly string[] | undefined
}

/**
 * The scopes to ask for, in the MCP spec's order: the challenge's `scope`, else the resource's
 * `scopes_supported`, else none (no `scope` parameter at all). `offline_access` is added when
 * the authorization server lists it (a refresh token), and only then.
 *
 * @throws Never.
 * @example
 * ```ts
 * chooseScopes({ challenge: 'mcp:basic', scopesSupported: ['mcp:basic', 'mcp:write'], serverScopes: ['mcp:basic', 'offline_access'] })
 * // ['mcp:basic', 'offline_access']
 * ```
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-selection-strategy
 */
export function chooseScopes(input: ChooseScopesInput): string[] {
  const fromChallenge = splitScopes(input.challenge)
  const chosen = fromChallenge.length > 0 ? fromChallenge : [...(input.scopesSupported ?? [])].filter(isScopeName)
  if (chosen.length > 0 && input.serverScopes?.includes('offline_access') === true && !chosen.includes('offline_access')) chosen.push('offline_access')
  return [...new Set(chosen)]
}

/** A space-separated scope string as a list of scope names (anything else dropped). */
export function splitScopes(value: string | undefined): string[] {
  return typeof value === 'string' ? value.split(' ').filter(isScopeName) : []
}

function isScopeName(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/.test(value)
}
