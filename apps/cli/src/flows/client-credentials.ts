import type { Flow } from '@auth/core'
import { createClientCredentialsFlow } from '@auth/flow-client-credentials'
import type { FlowSettings } from './types.js'

/** The client-credentials flow (a new grant renews it). */
export function clientCredentialsFlow(s: FlowSettings): Flow {
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
