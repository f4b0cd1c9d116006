/**
 * The lazily loaded part of authcli: every login flow, and with them openid-client. The main
 * bundle reaches this file only through `loadFlows()` (`import()`), so `authcli auth token`
 * with a valid token never loads it; each flow is a chunk of its own, so a refresh loads only
 * its credential's flow (a device refresh neither the browser flow's listener and launcher nor
 * the client-credentials signer).
 */
import type { Flow } from '@auth/core'
import type { FlowSettings } from './types.js'

export type { FlowSettings } from './types.js'

/**
 * The flow for `settings.kind`, configured from what the CLI resolved (its chunk loaded).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad setting (from the flow package).
 * @example `const flow = await createFlow({ kind: 'device', host, issuer, clientId, scopes: [], ... })`
 */
export async function createFlow(settings: FlowSettings): Promise<Flow> {
  if (settings.kind === 'pat') return (await import('./pat.js')).patFlow(settings)
  if (settings.kind === 'device') return (await import('./device.js')).deviceFlow(settings)
  if (settings.kind === 'pkce') return (await import('./pkce.js')).pkceFlow(settings)
  return (await import('./client-credentials.js')).clientCredentialsFlow(settings)
}
