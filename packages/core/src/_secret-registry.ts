/** The process-wide set of secret values that `redact()` masks. Internal. */

/** Values shorter than this are ignored: too likely to match ordinary text. */
export const MIN_SECRET_LENGTH = 8

const registry = new Set<string>()

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
