// Control characters (C0, DEL, C1) and the line/paragraph separators: each run becomes one space.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
// Unicode format characters (general category Cf: bidi embeddings, overrides and isolates
// U+202A-202E / U+2066-2069, marks U+200E/200F/061C, zero-width U+200B-200D, U+FEFF, soft
// hyphen, ...) and lone surrogates: removed, since they are invisible and can reorder or hide text.
const INVISIBLE = /[\p{Cf}\p{Cs}]/gu

/**
 * Makes untrusted text (a server's `error_description`, a user name from a profile, a host name
 * from an error) safe to print on a terminal as one line: C0/C1 control characters (terminal
 * escapes, newlines) become spaces, Unicode format characters (bidi controls such as U+202E,
 * zero-width characters, U+061C, U+200E/U+200F) and lone surrogates are removed, runs of white
 * space collapse to one space, and the text is cut to `max` characters (with `…`). The one place
 * that does this: every package cleans server text with it before it reaches a message.
 *
 * @param text - Anything; non-strings go through `String()`.
 * @param max - The longest result, in UTF-16 code units; default 300.
 * @returns The cleaned text, possibly empty.
 * @throws Never.
 * @example
 * ```ts
 * sanitizeText('bad\u001b[31m request\u202Egnp.exe') // 'bad [31m requestgnp.exe'
 * ```
 * @see https://www.unicode.org/reports/tr9/ (bidirectional controls)
 * @see https://nvd.nist.gov/vuln/detail/CVE-2021-42574 (Trojan Source)
 */
export function sanitizeText(text: unknown, max = 300): string {
  const clean = toText(text).replace(CONTROLS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, Math.max(0, max - 1))
  // Never end on half a surrogate pair.
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`
}

/** `String(value)`, or a placeholder when that throws (a null-prototype object, a throwing `toString`, a symbol in a template). */
function toText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

// C0 and C1 controls (tab included), DEL, the line/paragraph separators, Unicode format characters
// (bidi embeddings, overrides and isolates, zero-width characters, U+061C, U+FEFF) and surrogates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Cs}]/gu

/**
 * Writes every character of `text` that a terminal would act on or hide (controls, escapes, bidi
 * and zero-width characters, lone surrogates) as a visible `\uXXXX` escape, leaving the rest as
 * it is. For text that must stay readable and exact, such as a config key or a debug log line;
 * {@link sanitizeText} is for server text shown to a user. Internal.
 * @example `escapeUnprintable('a\u001b[2Jb')` is `'a\\u001B[2Jb'`
 */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
}

/** Whether `text` holds a character {@link escapeUnprintable} would escape. Internal. */
export function hasUnprintable(text: string): boolean {
  return text.search(UNPRINTABLE) !== -1
}
