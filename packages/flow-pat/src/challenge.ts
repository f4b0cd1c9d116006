/**
 * Reads one parameter of a `WWW-Authenticate: Bearer realm="x", error="invalid_token",
 * error_description="..."` challenge (quoted or token form). Internal; lenient: `undefined`
 * when absent or unparsable.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function challengeParam(header: string | null, name: string): string | undefined {
  if (header === null || header.length > 4096) return undefined
  const match = new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,"]+))`, 'i').exec(header)
  if (!match) return undefined
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]
}
