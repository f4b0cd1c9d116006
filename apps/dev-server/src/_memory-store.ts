// The storage behind the oidc-provider adapter: one Map per server, entries that expire,
// and the indexes oidc-provider needs (by grant, by user code, by session uid).
// Unlike oidc-provider's bundled adapter it never evicts live entries (that one is an LRU
// of 1000, which a long demo session outgrows).

/** A stored payload; oidc-provider owns its shape. */
export type Payload = Record<string, unknown>

interface Entry {
  readonly payload: Payload
  readonly expiresAt: number
}

const SWEEP_EVERY = 200

export class MemoryStore {
  readonly #entries = new Map<string, Entry>()
  readonly #grants = new Map<string, Set<string>>()
  readonly #index = new Map<string, Entry>()
  #writes = 0

  get(key: string): Payload | undefined {
    return this.#live(this.#entries, key)
  }

  set(key: string, payload: Payload, expiresInSeconds: number | undefined): void {
    this.delete(key)
    const expiresAt = expiresInSeconds === undefined ? Infinity : Date.now() + expiresInSeconds * 1000
    this.#entries.set(key, { payload, expiresAt })
    if (++this.#writes % SWEEP_EVERY === 0) this.#sweep()
  }

  delete(key: string): void {
    this.#entries.delete(key)
  }

  /** A secondary index entry (`userCode:X` → id, `sessionUid:X` → id). */
  setIndex(name: string, id: string, expiresInSeconds: number | undefined): void {
    const expiresAt = expiresInSeconds === undefined ? Infinity : Date.now() + expiresInSeconds * 1000
    this.#index.set(name, { payload: { id }, expiresAt })
  }

  getIndex(name: string): string | undefined {
    const id = this.#live(this.#index, name)?.['id']
    return typeof id === 'string' ? id : undefined
  }

  addToGrant(grantId: string, key: string): void {
    const members = this.#grants.get(grantId) ?? new Set<string>()
    members.add(key)
    this.#grants.set(grantId, members)
  }

  /** Deletes every artefact issued under a grant. */
  revokeGrant(grantId: string): void {
    for (const key of this.#grants.get(grantId) ?? []) this.#entries.delete(key)
    this.#grants.delete(grantId)
  }

  #live(map: Map<string, Entry>, key: string): Payload | undefined {
    const entry = map.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt > Date.now()) return entry.payload
    map.delete(key)
    return undefined
  }

  #sweep(): void {
    const now = Date.now()
    for (const map of [this.#entries, this.#index]) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key)
    }
    for (const [grantId, members] of this.#grants) {
      for (const key of members) if (!this.#entries.has(key)) members.delete(key)
      if (members.size === 0) this.#grants.delete(grantId)
    }
  }
}
