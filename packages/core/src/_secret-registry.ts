/** The process-wide set of secret values that `redact()` masks. Internal. */

/** Values shorter than this are ignored: too likely to match ordinary text. */
export const MIN_SECRET_LENGTH = 8

// One registry per process, even when two copies of @auth/core are loaded (a product's bundle
// and a separately installed flow, or the CJS `index` and `kit` bundles).
const KEY = Symbol.for('@auth/core.secretRegistry')
const registry: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[KEY] ??= new Set<string>())

export function addSecret(value: string): void {
  registry.add(value)
}

export function registeredSecrets(): ReadonlySet<string> {
  return registry
}

/** For tests only. */
export function clearSecrets(): void {
  registry.clear()
}
