import type { Flow } from '@auth/core'
import { createPkceFlow, tryOpenInBrowser } from '@auth/flow-pkce'
import { successPage } from './success-page.js'
import type { FlowSettings } from './types.js'

/** The browser flow; for a refresh or revocation (no `pkce` settings) nothing is opened or read. */
export function pkceFlow(s: FlowSettings): Flow {
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
    successHtml: successPage(s.name, s.host),
    ...(s.scopes.length > 0 && { scopes: s.scopes }),
    ...(s.profileUrl !== undefined && { profileUrl: s.profileUrl }),
    ...(pkce?.dir !== undefined && { dir: pkce.dir }),
    ...(pkce?.port !== undefined && { port: pkce.port }),
    ...(pkce?.portRange !== undefined && { portRange: pkce.portRange }),
    ...(pkce?.timeoutMs !== undefined && { timeoutMs: pkce.timeoutMs }),
    ...(pkce?.resources !== undefined && pkce.resources.length > 0 && { resource: pkce.resources }),
  })
}
