// Request counters, so tests can assert "no network on the hot path" or "one refresh".

/** Counts by name. */
export class Counters {
  readonly #counts = new Map<string, number>()

  increment(name: string): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1)
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)))
  }

  reset(): void {
    this.#counts.clear()
  }
}
