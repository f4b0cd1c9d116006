import { isSecretKey } from './secret-keys.js'
import { redact } from './redact.js'

const MAX_DEPTH = 32

/**
 * Deep-copies `value`, masking secrets, for logging or `--json` output: a field whose name is
 * secret-ish (`accessToken`, `refresh_token`, `client_secret`, `password`, `authorization`,
 * `code`, any name ending in `token`/`secret`/`password`, ...) and holds a primitive becomes
 * `'***'`; every other string goes through {@link redact}. Arrays, plain objects, `Map`s and
 * errors are copied; cycles become `'[Circular]'`, nesting deeper than 32 `'[Truncated]'`.
 * The input is never modified.
 *
 * @param value - Anything.
 * @returns A masked copy (plain data: objects lose their prototypes, errors become `{ name, message, ... }`).
 * @example
 * ```ts
 * redactObject({ accessToken: 'abc', tokenType: 'Bearer', scopes: ['openid'] })
 * // { accessToken: '***', tokenType: 'Bearer', scopes: ['openid'] }
 * ```
 * @see {@link redact}
 * @throws Never: getters that throw are the only way to make it fail.
 */
export function redactObject<T>(value: T): T {
  return copy(value, new WeakSet(), 0) as T
}

function copy(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redact(value)
  if (typeof value !== 'object' || value === null) return value
  if (value instanceof Date) return new Date(value.getTime())
  if (seen.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return '[Truncated]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((v) => copy(v, seen, depth + 1))
    if (value instanceof Map)
      return copyEntries(
        [...value.entries()].map(([k, v]) => [String(k), v]),
        seen,
        depth,
      )
    if (value instanceof URL) return redact(value.href)
    const entries = Object.entries(value)
    if (value instanceof Error) {
      entries.unshift(['name', value.name], ['message', value.message])
      if (value.cause !== undefined && !Object.prototype.propertyIsEnumerable.call(value, 'cause')) entries.push(['cause', value.cause])
    }
    return copyEntries(entries, seen, depth)
  } finally {
    seen.delete(value)
  }
}

function copyEntries(entries: Array<[string, unknown]>, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of entries) {
    const masked = isSecretKey(key) && v !== null && v !== undefined && typeof v !== 'object'
    Object.defineProperty(out, key, {
      value: masked ? '***' : copy(v, seen, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}
