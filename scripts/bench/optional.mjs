// The references are optional: a bench-only dependency that is not installed skips its row
// with the reason, it never stops the bench.

/** `undefined` when `specifier` resolves from scripts/bench/, else why not (for the skipped row). */
export function missingModule(specifier) {
  try {
    import.meta.resolve(specifier)
    return undefined
  } catch {
    return `${specifier} is not installed (a bench-only dev dependency: npm install)`
  }
}
