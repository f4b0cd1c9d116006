/**
 * Whether `url` is plain `http://` to a host other than loopback: what needs `--insecure`.
 * @example `isPlainHttp('http://api.example.com')` is `true`; `isPlainHttp('http://127.0.0.1:8080')` is `false`
 */
export function isPlainHttp(url: string | undefined): boolean {
  if (url === undefined) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:') return false
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  return !(host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host))
}
