import { encode } from 'uqr'

/** The quiet zone the QR specification asks for (ISO/IEC 18004 §6.3.8): four modules on every side. */
export const QR_QUIET_ZONE = 4

const SET = '\x1b[30;107m' // black on bright white, whatever the terminal's theme
const RESET = '\x1b[0m'

/** Options of {@link renderQrCode}. */
export interface RenderQrCodeOptions {
  /**
   * Paint it dark on light with ANSI colours (black modules on a white background, quiet zone
   * included), so that it reads the same on a light and a dark theme. Default `false`: plain
   * half blocks, dark modules as spaces, which reads on a dark theme only (a light theme shows
   * it inverted, which some scanners refuse).
   */
  colors?: boolean | undefined
}

/**
 * A QR code of `url` for the terminal, two modules per character (Unicode half blocks), with the
 * four-module quiet zone the QR spec asks for. Print it as is; it needs a terminal that shows `▀▄█`.
 *
 * @param url - What the code encodes: the verification URI, complete with the user code when the server gave one.
 * @param options - `colors`: dark on light whatever the theme (see {@link RenderQrCodeOptions}).
 * @example
 * ```ts
 * output.info(renderQrCode('https://example.com/device?user_code=WDJB-MJHT', { colors: true }))
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3.1
 * @throws TypeError when `url` is not a string.
 */
export function renderQrCode(url: string, options: RenderQrCodeOptions = {}): string {
  if (typeof url !== 'string') throw new TypeError('@auth/flow-device: renderQrCode: "url" must be a string')
  const { data } = encode(url, { ecc: 'L', border: QR_QUIET_ZONE })
  const dark = (x: number, y: number): boolean => data[y]?.[x] === true
  const colors = options.colors === true
  // With colours the foreground is black: a drawn half is a dark module. Without, the foreground is the theme's (light on dark): a drawn half is a light module.
  const drawn = (x: number, y: number): boolean => (colors ? dark(x, y) : !dark(x, y))
  const lines: string[] = []
  for (let y = 0; y < data.length; y += 2) {
    let line = ''
    for (let x = 0; x < data.length; x++) {
      const top = drawn(x, y)
      const bottom = y + 1 < data.length ? drawn(x, y + 1) : !colors
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' '
    }
    lines.push(colors ? `${SET}${line}${RESET}` : line)
  }
  return lines.join('\n')
}
