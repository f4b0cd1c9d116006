// Telling the user (and a script) about the device code. Internal.
import type { Output } from '@auth/core'
import { renderDevicePrompt } from './render-device-prompt.js'
import { renderQrCode } from './render-qr-code.js'
import type { DeviceCodeInfo } from './types.js'

/**
 * Hands the device code to a script first (`output.data`, once, only when the caller gave
 * one: the CLI does under `--json`), then prints the prompt and, on a terminal, a QR code of
 * the verification URL (with the code filled in when the server gave one).
 */
export function announce(info: DeviceCodeInfo, output: Output | undefined, qr: { show: boolean; colors: boolean }, timeoutMs?: number): void {
  if (output === undefined) return
  const { verification_uri, verification_uri_complete, user_code, expires_in } = info
  output.data?.({ verification_uri, ...(verification_uri_complete !== undefined && { verification_uri_complete }), user_code, expires_in })
  for (const line of renderDevicePrompt(info, { timeoutMs })) output.info(line)
  if (!qr.show) return
  output.info('')
  for (const line of renderQrCode(info.verification_uri_complete ?? info.verification_uri, { colors: qr.colors }).split('\n')) output.info(line)
}
