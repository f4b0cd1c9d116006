/** Whether a URL hostname (as `URL#hostname` gives it) is a loopback address. Internal. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h)
}
