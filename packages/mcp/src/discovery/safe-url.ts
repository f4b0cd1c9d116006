import { ErrorCode, ExitCode, NetworkError, isLoopbackHost } from '@auth/core'

/**
 * The characters a discovered URL may hold: RFC 3986 unreserved, `%`-escapes, and the
 * delimiters a plain URL needs (`: / ? = & + , @ [ ]`). Quotes, spaces, `<>`, backslashes and
 * shell metacharacters (`; | $ ( ) * ! # ' "` and the backquote) never pass, whatever a parser
 * would make of them; `&` only in the query.
 */
const SAFE = /^[A-Za-z0-9\-._~%:/?=&+,@[\]]+$/

/**
 * Checks a URL a server handed out (an endpoint, an issuer, a metadata location) before it is
 * fetched or shown: `https:`, or `http:` on a loopback host only; no user name or password; no
 * fragment; nothing but plain URL characters (see above), so nothing a shell or an opener could
 * read as something else (CVE-2025-6514) ever leaves this function.
 *
 * @param value - The URL as the server sent it.
 * @param what - What it is, for the message: `authorization_endpoint`.
 * @param where - The server it came from, for the message.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) naming `what`; never repeats the value unsanitised.
 * @example
 * ```ts
 * assertSafeUrl('https://as.example.com/authorize', 'authorization_endpoint') // URL
 * assertSafeUrl('javascript:alert(1)', 'authorization_endpoint') // throws BAD_RESPONSE
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
export function assertSafeUrl(value: unknown, what: string, where?: string): URL {
  const refuse = (why: string): never => {
    throw new NetworkError(`${where === undefined ? '' : `${where}: `}${what} ${why}`, {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: 'the server published a URL this client will not use; report it to its operator',
    })
  }
  if (typeof value !== 'string' || value === '' || value.length > 2048) return refuse('is not a URL')
  if (!SAFE.test(value)) return refuse('holds characters a URL here may not hold (quotes, spaces, <>, backslashes or shell characters)')
  const query = value.indexOf('?')
  if (value.slice(0, query === -1 ? undefined : query).includes('&')) return refuse('holds "&" outside its query')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return refuse('is not a valid URL')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return refuse(`must be https (or http on this machine), not ${url.protocol === 'http:' ? 'plain http to another host' : 'another scheme'}`)
  }
  if (url.username !== '' || url.password !== '') return refuse('must not hold a user name or password')
  return url
}

/** Whether `value` passes {@link assertSafeUrl}. */
export function isSafeUrl(value: unknown): value is string {
  try {
    assertSafeUrl(value, 'url')
    return true
  } catch {
    return false
  }
}
