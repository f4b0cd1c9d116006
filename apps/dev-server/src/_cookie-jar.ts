// Just enough of a browser's cookie store for one origin: set, replace, expire, send.
// Paths are ignored (sending a cookie to more paths than asked is harmless here).

/** Cookies of one origin. */
export class CookieJar {
  readonly #cookies = new Map<string, string>()

  /** Takes in every `Set-Cookie` of a response. */
  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) this.#storeOne(line)
  }

  /** The `Cookie` request header, or `undefined` when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  #storeOne(line: string): void {
    const [pair = '', ...attributes] = line.split(';')
    const eq = pair.indexOf('=')
    if (eq <= 0) return
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    if (value === '' || attributes.some(isExpiry)) this.#cookies.delete(name)
    else this.#cookies.set(name, value)
  }
}

function isExpiry(attribute: string): boolean {
  const [key = '', value = ''] = attribute.split('=').map((s) => s.trim())
  if (/^max-age$/i.test(key)) return Number(value) <= 0
  if (/^expires$/i.test(key)) return Date.parse(value) <= Date.now()
  return false
}
