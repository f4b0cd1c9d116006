import type { WwwAuthenticateChallenge } from '../types.js'

/** The most a header is read: a longer one is cut there (what is after is ignored). */
const MAX_HEADER = 8192
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/

/**
 * Parses a `WWW-Authenticate` header into its challenges: several challenges in one header
 * (comma-separated), `auth-param`s with token or quoted-string values (`\"` escapes), a
 * `token68` (kept as the param `token68`). Names are lower-cased; values kept as sent. A
 * malformed tail ends the parse (what was read is returned), never an exception.
 *
 * @example
 * ```ts
 * parseWwwAuthenticate('Bearer error="insufficient_scope", scope="a b", resource_metadata="https://x/.well-known/oauth-protected-resource"')
 * // [{ scheme: 'bearer', params: { error: 'insufficient_scope', scope: 'a b', resource_metadata: 'https://x/...' } }]
 * ```
 * @throws Never.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function parseWwwAuthenticate(header: string | null | undefined): WwwAuthenticateChallenge[] {
  if (typeof header !== 'string') return []
  const text = header.slice(0, MAX_HEADER)
  const challenges: { scheme: string; params: Record<string, string> }[] = []
  let i = 0
  const skip = (chars: RegExp) => {
    while (i < text.length && chars.test(text.charAt(i))) i++
  }
  while (i < text.length) {
    skip(/[\s,]/)
    const scheme = TOKEN.exec(text.slice(i))?.[0]
    if (scheme === undefined) break
    i += scheme.length
    const params: Record<string, string> = Object.create(null)
    challenges.push({ scheme: scheme.toLowerCase(), params })
    skip(/[ \t]/)
    for (;;) {
      const start = i
      skip(/[\s,]/)
      const name = TOKEN.exec(text.slice(i))?.[0]
      if (name === undefined) break
      const after = i + name.length
      let j = after
      while (j < text.length && /[ \t]/.test(text.charAt(j))) j++
      if (text.charAt(j) !== '=') {
        // A new challenge's scheme (or a token68 of this one).
        i = start
        break
      }
      if (/^=+\s*(,|$)/.test(text.slice(j)) && Object.keys(params).length === 0) {
        params.token68 = name + (/^=+/.exec(text.slice(j))?.[0] ?? '')
        i = j + (params.token68.length - name.length)
        continue
      }
      j++
      while (j < text.length && /[ \t]/.test(text.charAt(j))) j++
      let value: string
      if (text.charAt(j) === '"') {
        let k = j + 1
        value = ''
        while (k < text.length && text.charAt(k) !== '"') {
          if (text.charAt(k) === '\\' && k + 1 < text.length) k++
          value += text.charAt(k)
          k++
        }
        if (k >= text.length) return challenges // unterminated quote
        i = k + 1
      } else {
        const token = TOKEN.exec(text.slice(j))?.[0] ?? ''
        value = token
        i = j + token.length
      }
      const key = name.toLowerCase()
      if (!(key in params)) params[key] = value
      skip(/[ \t]/)
      if (i < text.length && text.charAt(i) !== ',') return challenges
    }
  }
  return challenges.map((c) => Object.freeze({ scheme: c.scheme, params: Object.freeze({ ...c.params }) }))
}

/** The `Bearer` challenge of a response (the first), if any. */
export function bearerChallenge(response: Response): WwwAuthenticateChallenge | undefined {
  return parseWwwAuthenticate(response.headers.get('www-authenticate')).find((c) => c.scheme === 'bearer')
}
