/** Everything a user or a log could see of an error: message, hint, JSON, string form, and its causes' messages. */
export function errorText(error: unknown): string {
  const parts: string[] = []
  let e: unknown = error
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const r = e as { message?: unknown; hint?: unknown; toJSON?: () => unknown; cause?: unknown }
    parts.push(String(r.message), String(r.hint), String(e))
    if (typeof r.toJSON === 'function') parts.push(JSON.stringify(r.toJSON()))
    e = r.cause
  }
  return parts.join('\n')
}
