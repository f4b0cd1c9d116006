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
