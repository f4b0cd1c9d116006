import type { Flow } from '@auth/core'
import { createPatFlow } from '@auth/flow-pat'
import type { FlowSettings } from './types.js'

/** The PAT flow, configuration only: the token comes with the login (`patInput` in auth-login.ts). */
export function patFlow(s: FlowSettings): Flow {
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
