import { formatDuration } from './format-duration.js'
import type { DeviceCodeInfo } from './types.js'

/**
 * The lines that tell the user what to do: the verification URI and the user code each on a
 * line of their own, the link with the code filled in when the server gave one, and how long
 * the code lasts. Plain text, no colour; the caller prints each line (stderr in a CLI).
 *
 * @param info - The device authorization, as checked by the flow.
 * @example
 * ```ts
 * renderDevicePrompt({ verification_uri: 'https://example.com/device', user_code: 'WDJB-MJHT', expires_in: 900 })
 * // ['Open this page in a browser on any device:', '  https://example.com/device',
 * //  'and enter the code:', '  WDJB-MJHT', 'The code expires in 15 minutes.']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3
 * @throws Never.
 */
export function renderDevicePrompt(info: DeviceCodeInfo): string[] {
  const lines = ['Open this page in a browser on any device:', `  ${info.verification_uri}`, 'and enter the code:', `  ${info.user_code}`]
  if (info.verification_uri_complete !== undefined && info.verification_uri_complete !== info.verification_uri) {
    lines.push(`Or open ${info.verification_uri_complete} (the code is filled in).`)
  }
  lines.push(`The code expires in ${formatDuration(info.expires_in * 1000)}.`)
  return lines
}
