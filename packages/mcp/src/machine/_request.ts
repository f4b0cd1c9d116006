// What every machine token request shares: the RFC 8707 `resource` and the scopes, the
// server's name in messages, and the check that the server offers the grant at all. Internal.
import { ConfigError } from '@auth/core'
import { createFlowFetch } from '@auth/core/kit'
import type { McpGrantContext } from '../types.js'

/** The cap on every answer a machine login reads (token responses, ID-JAGs, IdP metadata). */
export const MAX_ANSWER_BYTES = 256 * 1024

/** The fetch of every request of a machine login: the context's, aborted by its signal, logged, bodies capped. */
export function machineFetch(ctx: McpGrantContext): typeof globalThis.fetch {
  return createFlowFetch({ fetch: ctx.fetch, logger: ctx.logger, signal: ctx.signal, maxBytes: MAX_ANSWER_BYTES })
}

/** Names the MCP server's authorization server in messages. */
export const AS_ROLE = "the MCP server's authorization server"

/**
 * The scopes a machine grant asks for: the chosen ones without `offline_access` (a machine grant
 * gets no refresh token, RFC 6749 §4.4.3: it asks again; servers refuse the scope to such clients).
 */
export function machineScopes(ctx: McpGrantContext): string[] {
  return ctx.scopes.filter((scope) => scope !== 'offline_access')
}

/** `scope` (when any) and `resource` (always: the MCP server, RFC 8707) of a token request. */
export function scopeAndResource(ctx: McpGrantContext, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra)
  const scopes = machineScopes(ctx)
  if (scopes.length > 0) params.set('scope', scopes.join(' '))
  params.set('resource', ctx.resource)
  return params
}

/** The origin of a server's token endpoint (else its issuer), for messages. */
export function whereOf(metadata: { readonly issuer: string; readonly token_endpoint?: string | undefined }): string {
  for (const value of [metadata.token_endpoint, metadata.issuer]) {
    try {
      if (typeof value === 'string') return new URL(value).origin
    } catch {}
  }
  return 'the server'
}

/**
 * Refuses a server whose metadata lists `grant_types_supported` without `grantType` (a server
 * that lists nothing is tried).
 * @throws ConfigError `CONFIG_ERROR` (exit 2)
 */
export function assertGrantOffered(supported: unknown, grantType: string, role: string): void {
  if (!Array.isArray(supported) || supported.includes(grantType)) return
  throw new ConfigError(`@auth/mcp: ${role} does not offer the ${grantType} grant`, {
    hint: 'this server needs an interactive login, or another machine grant; check its grant_types_supported',
  })
}
