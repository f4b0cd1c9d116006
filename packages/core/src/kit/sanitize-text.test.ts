import { describe, expect, it } from 'vitest'
import { sanitizeText } from './sanitize-text.js'

describe('sanitizeText', () => {
  it('turns C0 and C1 controls (terminal escapes, newlines) into one space', () => {
    expect(sanitizeText('a\u001b[2Jb\r\nc\u0085d\u009be\u007ff')).toBe('a [2Jb c d e f')
  })
  it('removes bidi controls, marks and zero-width characters (Unicode Cf)', () => {
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']
    for (const c of bidi) expect(sanitizeText(`ad${c}min`), JSON.stringify(c)).toBe('admin')
    for (const c of ['\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad', '\u2060']) expect(sanitizeText(`ad${c}min`), JSON.stringify(c)).toBe('admin')
  })
  it('treats line and paragraph separators as line breaks', () => {
    expect(sanitizeText('one\u2028two\u2029three')).toBe('one two three')
  })
  it('keeps ordinary text, accents and emoji', () => {
    expect(sanitizeText('  Zoë  Ünal 👩‍💻 ')).toBe('Zoë Ünal 👩💻')
  })
  it('cuts to max characters without splitting a surrogate pair', () => {
    expect(sanitizeText('abcdef', 4)).toBe('abc…')
    expect(sanitizeText('ab😀cd', 4)).toBe('ab…')
  })
  it('takes anything', () => {
    expect(sanitizeText(undefined)).toBe('undefined')
    expect(sanitizeText(42)).toBe('42')
    expect(sanitizeText('\ud800x')).toBe('x')
  })
})
