import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import { QR_QUIET_ZONE, renderQrCode } from './render-qr-code.js'

const URL_ = 'https://example.com/device?user_code=WDJB-MJHT'
const SGR = /\x1b\[[0-9;]*m/g

/**
 * Paints the terminal text as a terminal would: 4x4 pixels per module (a character is one module
 * wide, two high), the foreground and background of the theme unless the text sets its own
 * colours (black on bright white). Then a real QR decoder reads it.
 */
function decodeOnTheme(text: string, theme: 'dark' | 'light'): string | undefined {
  const colours = text.includes('\x1b[30;107m')
  const fg = colours ? 0 : theme === 'dark' ? 230 : 20
  const bg = colours ? 255 : theme === 'dark' ? 20 : 250
  const rows = text.replace(SGR, '').split('\n')
  const cols = [...(rows[0] ?? '')].length
  const scale = 4
  const width = cols * scale
  const height = rows.length * 2 * scale
  const pixels = new Uint8ClampedArray(width * height * 4)
  for (const [r, row] of rows.entries()) {
    for (const [c, ch] of [...row].entries()) {
      for (const half of [0, 1]) {
        const on = ch === '█' || (ch === '▀' && half === 0) || (ch === '▄' && half === 1)
        const v = on ? fg : bg
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const i = (((r * 2 + half) * scale + dy) * width + c * scale + dx) * 4
            pixels.set([v, v, v, 255], i)
          }
      }
    }
  }
  return jsQR(pixels, width, height, { inversionAttempts: 'dontInvert' })?.data
}

describe('renderQrCode', () => {
  it('draws a square of half blocks, two modules per character row, with a four-module quiet zone', () => {
    const lines = renderQrCode(URL_).split('\n')
    const width = lines[0]?.length ?? 0
    expect(width).toBeGreaterThanOrEqual(25 + 2 * QR_QUIET_ZONE) // version 2 (25 modules) at least, plus the quiet zone
    for (const line of lines) {
      expect(line).toHaveLength(width)
      expect(line).toMatch(/^[ ▀▄█]+$/)
    }
    expect(lines.length).toBe(Math.ceil(width / 2))
    // Plain, the light modules are drawn: the quiet zone is four full columns and two full rows (four modules) of blocks.
    for (const line of lines) expect(line.slice(0, QR_QUIET_ZONE)).toBe('█'.repeat(QR_QUIET_ZONE))
    expect(lines.slice(0, QR_QUIET_ZONE / 2).every((l) => /^█+$/.test(l))).toBe(true)
  })

  it('with colours: black modules on a white background, read the same on a dark and a light theme', () => {
    const text = renderQrCode(URL_, { colors: true })
    for (const line of text.split('\n')) expect(line).toMatch(/^\x1b\[30;107m[ ▀▄█]+\x1b\[0m$/)
    expect(decodeOnTheme(text, 'dark')).toBe(URL_)
    expect(decodeOnTheme(text, 'light')).toBe(URL_)
  })

  it('plain: reads on a dark theme (light modules drawn), and a light theme shows it inverted', () => {
    const text = renderQrCode(URL_)
    expect(decodeOnTheme(text, 'dark')).toBe(URL_)
    expect(decodeOnTheme(text, 'light')).toBeUndefined()
  })

  it('grows with the data, and refuses non-strings', () => {
    expect(renderQrCode('x'.repeat(200)).length).toBeGreaterThan(renderQrCode('x').length)
    expect(() => renderQrCode(42 as unknown as string)).toThrow(TypeError)
  })
})
