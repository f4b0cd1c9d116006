/**
 * `@auth/flow-device`: the OAuth 2.0 device authorization grant (RFC 8628) as a login flow of
 * the CLI login toolkit.
 */
export { createDeviceFlow } from './create-device-flow.js'
export type { DeviceCodeInfo, DeviceFlowOptions } from './types.js'
export { renderDevicePrompt } from './render-device-prompt.js'
export { renderWaitingLine } from './render-waiting-line.js'
export { renderQrCode, QR_QUIET_ZONE } from './render-qr-code.js'
export type { RenderQrCodeOptions } from './render-qr-code.js'
export { formatDuration } from './format-duration.js'
