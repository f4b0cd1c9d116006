/**
 * Makes untrusted text (a server's `error_description`, a host name from an error) safe for a
 * one-line message: control characters (terminal escapes) become spaces, runs of spaces
 * collapse, and the text is cut to `max` characters. Internal.
 */
export function sanitizeText(text: unknown, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const clean = String(text).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}
