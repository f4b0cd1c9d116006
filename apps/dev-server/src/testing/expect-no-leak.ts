/**
 * Throws when `text` contains `secret` (trimmed; empty and tiny inputs are not secrets). The
 * message does not repeat the secret.
 */
export function expectNoLeak(text: string, secret: string): void {
  const value = secret.trim()
  if (value.length >= 4 && text.includes(value)) {
    throw new Error(`a secret (${value.length} chars) leaked into: ${text.split(value).join('[LEAKED]').slice(0, 500)}`)
  }
}
