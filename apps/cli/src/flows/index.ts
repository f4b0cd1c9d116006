/**
 * The lazily loaded part of authcli: every login flow, and with them openid-client. The main
 * bundle reaches this file only through `loadFlows()` (`import()`), so `authcli auth token`
 * with a valid token never loads it.
 */
import type { Flow } from '@auth/core'
import { createClientCredentialsFlow } from '@auth/flow-client-credentials'
import { createDeviceFlow } from '@auth/flow-device'
import { createPatFlow } from '@auth/flow-pat'
import { createPkceFlow, tryOpenInBrowser } from '@auth/flow-pkce'
import type { FlowSettings } from './types.js'

export type { FlowSettings } from './types.js'

/**
 * The flow for `settings.kind`, configured from what the CLI resolved.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad setting (from the flow package).
 * @example `const flow = createFlow({ kind: 'device', host, issuer, clientId, scopes: [], ... })`
 */
export function createFlow(settings: FlowSettings): Flow {
  if (settings.kind === 'pat') return patFlow(settings)
  if (settings.kind === 'device') return deviceFlow(settings)
  if (settings.kind === 'pkce') return pkceFlow(settings)
  return clientCredentialsFlow(settings)
}

/** The PAT flow, configuration only: the token comes with the login (`patInput` in auth-login.ts). */
function patFlow(s: FlowSettings): Flow {
  return createPatFlow({
    name: s.name,
    host: s.host,
    issuer: s.issuer,
    allowInsecure: s.allowInsecure,
    ...(s.profileUrl !== undefined && { profileUrl: s.profileUrl }),
    ...(s.tenant !== undefined && { tenant: s.tenant }),
    ...(s.tenantHeader !== undefined && { tenantHeader: s.tenantHeader }),
  })
}

function deviceFlow(s: FlowSettings): Flow {
  const device = s.device ?? { qr: false, isTTY: false }
  return createDeviceFlow({
    issuer: s.issuer,
    clientId: s.clientId,
    allowInsecure: s.allowInsecure,
    name: s.name,
    qr: device.qr,
    ...(device.qrColors !== undefined && { qrColors: device.qrColors }),
    isTTY: device.isTTY,
    ...(device.write && { write: device.write }),
    ...(s.scopes.length > 0 && { scopes: s.scopes }),
    ...(s.profileUrl !== undefined && { profileUrl: s.profileUrl }),
  })
}

/** The browser flow; for a refresh or revocation (no `pkce` settings) nothing is opened or read. */
function pkceFlow(s: FlowSettings): Flow {
  const pkce = s.pkce
  const env = s.env
  return createPkceFlow({
    issuer: s.issuer,
    clientId: s.clientId,
    allowInsecure: s.allowInsecure,
    name: s.name,
    browser: pkce?.browser ?? true,
    input: pkce?.input ?? null,
    openBrowser: (url) => tryOpenInBrowser(url, env === undefined ? {} : { env }),
    ...(s.scopes.length > 0 && { scopes: s.scopes }),
    ...(s.profileUrl !== undefined && { profileUrl: s.profileUrl }),
    ...(pkce?.dir !== undefined && { dir: pkce.dir }),
    ...(pkce?.port !== undefined && { port: pkce.port }),
    ...(pkce?.portRange !== undefined && { portRange: pkce.portRange }),
    ...(pkce?.timeoutMs !== undefined && { timeoutMs: pkce.timeoutMs }),
    ...(pkce?.resources !== undefined && pkce.resources.length > 0 && { resource: pkce.resources }),
  })
}

function clientCredentialsFlow(s: FlowSettings): Flow {
  return createClientCredentialsFlow({
    issuer: s.issuer,
    clientId: s.clientId,
    secret: s.secret ?? { env: 'AUTHCLI_CLIENT_SECRET' },
    allowInsecure: s.allowInsecure,
    name: s.name,
    ...(s.env && { env: { ...s.env } }),
    ...(s.scopes.length > 0 && { scopes: s.scopes }),
  })
}
