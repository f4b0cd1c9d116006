import { renderUnicodeCompact } from 'uqr'

/**
 * A QR code of `url` for the terminal, two modules per character (Unicode half blocks), with a
 * one-module quiet border. Print it as is; it needs a terminal that shows `▀▄█`.
 *
 * @param url - What the code encodes: the verification URI, complete with the user code when the server gave one.
 * @example
 * ```ts
 * output.info(renderQrCode('https://example.com/device?user_code=WDJB-MJHT'))
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3.1
 * @throws TypeError when `url` is not a string.
 */
export function renderQrCode(url: string): string {
  if (typeof url !== 'string') throw new TypeError('@auth/flow-device: renderQrCode: "url" must be a string')
  return renderUnicodeCompact(url, { ecc: 'L', border: 1 })
}
