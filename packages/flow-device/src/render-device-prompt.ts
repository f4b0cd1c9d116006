import { formatDuration } from '@auth/core/kit'
import type { DeviceCodeInfo } from './types.js'

/**
 * The lines that tell the user what to do: the verification URI and the user code each on a
 * line of their own, the link with the code filled in when the server gave one, and how long
 * the code lasts, or how long the login waits when the caller's time limit (`timeoutMs`) is
 * shorter. Plain text, no colour; the caller prints each line (stderr in a CLI).
 *
 * @param info - The device authorization, as checked by the flow.
 * @param options - `timeoutMs`: the login's own time limit, when one is set.
 * @example
 * ```ts
 * renderDevicePrompt({ verification_uri: 'https://example.com/device', user_code: 'WDJB-MJHT', expires_in: 900 })
 * // ['Open this page in a browser on any device:', '  https://example.com/device',
 * //  'and enter the code:', '  WDJB-MJHT', 'The code expires in 15 minutes.']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3
 * @throws Never.
 */
export function renderDevicePrompt(info: DeviceCodeInfo, options: { timeoutMs?: number | undefined } = {}): string[] {
  const lines = ['Open this page in a browser on any device:', `  ${info.verification_uri}`, 'and enter the code:', `  ${info.user_code}`]
  if (info.verification_uri_complete !== undefined && info.verification_uri_complete !== info.verification_uri) {
    lines.push(`Or open ${info.verification_uri_complete} (the code is filled in).`)
  }
  const expiresMs = info.expires_in * 1000
  const { timeoutMs } = options
  if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs < expiresMs) {
    lines.push(`This login gives up in ${formatDuration(timeoutMs)} (the code itself would last ${formatDuration(expiresMs)}).`)
  } else {
    lines.push(`The code expires in ${formatDuration(expiresMs)}.`)
  }
  return lines
}
