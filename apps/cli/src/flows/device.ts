import type { Flow } from '@auth/core'
import { createDeviceFlow } from '@auth/flow-device'
import type { FlowSettings } from './types.js'

/** The device flow (login and refresh). */
export function deviceFlow(s: FlowSettings): Flow {
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
