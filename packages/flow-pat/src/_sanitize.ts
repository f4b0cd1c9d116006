/**
 * Makes server text (an `error_description`, a header) safe for a one-line message: control
 * characters (terminal escapes) become spaces, runs of spaces collapse, the text is cut to
 * `max` characters, and every occurrence of `token` is masked (a token shorter than the
 * 8 characters `redact()` masks would otherwise survive an echo). Internal.
 */
export function sanitize(text: unknown, token?: string, max = 200): string {
  let clean = String(text)
  if (token) clean = clean.split(token).join('***')
  // eslint-disable-next-line no-control-regex
  clean = clean.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}
