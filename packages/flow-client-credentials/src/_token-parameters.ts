import { invalidOption, isScopeToken } from '@auth/core/kit'

function invalid(what: string): never {
  return invalidOption('@auth/flow-client-credentials', 'createClientCredentialsFlow', what)
}

/** The extra parameters of the token request, checked once at the factory. Internal. */
export interface TokenParameters {
  scopes: string[] | undefined
  audience: string | undefined
  resources: string[]
}

/**
 * Checks `scopes` (RFC 6749 scope tokens), `audience` (a non-empty string) and `resource`
 * (absolute URIs without a fragment, RFC 8707 §2). Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2)
 */
export function checkTokenParameters(scopes: unknown, audience: unknown, resource: unknown): TokenParameters {
  if (scopes !== undefined && (!Array.isArray(scopes) || !scopes.every(isScopeToken))) {
    invalid('"scopes" must be an array of scope names (no spaces or quotes)')
  }
  if (audience !== undefined && (typeof audience !== 'string' || audience.trim() === '')) invalid('"audience" must be a non-empty string')
  const resources = resource === undefined ? [] : Array.isArray(resource) ? resource : [resource]
  for (const r of resources) if (!isResourceUri(r)) invalid('"resource" must be absolute URIs without a fragment (RFC 8707)')
  return { scopes: scopes === undefined ? undefined : [...new Set(scopes as string[])], audience: audience as string | undefined, resources: resources as string[] }
}

/** The form parameters: `scope`, `audience`, one `resource` per indicator. Internal. */
export function tokenRequestParameters(params: TokenParameters, scopes: readonly string[] | undefined): URLSearchParams {
  const form = new URLSearchParams()
  if (scopes !== undefined && scopes.length > 0) form.set('scope', scopes.join(' '))
  if (params.audience !== undefined) form.set('audience', params.audience)
  for (const r of params.resources) form.append('resource', r)
  return form
}

function isResourceUri(value: unknown): boolean {
  if (typeof value !== 'string' || value.includes('#')) return false
  try {
    return new URL(value).protocol !== ''
  } catch {
    return false
  }
}
