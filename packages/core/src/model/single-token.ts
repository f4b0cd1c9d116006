/**
 * Whether `value` is one token as a header carries it: one or more visible ASCII characters, no
 * space, line break, control or non-ASCII character. Without imports (the token index's hot
 * path runs it before anything else is loaded); the caller trims first where it should.
 * @example `isSingleToken('ghp_abc')` is `true`; `isSingleToken('Bearer ghp_abc')` is `false`
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 (token characters)
 */
export function isSingleToken(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(value)
}
