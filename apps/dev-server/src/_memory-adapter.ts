// The oidc-provider adapter over a MemoryStore. oidc-provider calls `factory(modelName)`
// once per model (AccessToken, Session, Grant, ...).
import type { MemoryStore, Payload } from './_memory-store.js'

/** Entries outlive their expiry by this much, so oidc-provider can say "expired" rather than "not found". */
const GRACE_SECONDS = 60

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode'])

class MemoryAdapter {
  readonly #model: string
  readonly #store: MemoryStore

  constructor(model: string, store: MemoryStore) {
    this.#model = model
    this.#store = store
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const key = this.#key(id)
    const ttl = typeof expiresIn === 'number' ? expiresIn + GRACE_SECONDS : undefined
    this.#store.set(key, payload, ttl)
    const { grantId, userCode, uid } = payload
    if (GRANTABLE.has(this.#model) && typeof grantId === 'string') this.#store.addToGrant(grantId, key)
    if (typeof userCode === 'string') this.#store.setIndex(`userCode:${userCode}`, id, ttl)
    if (this.#model === 'Session' && typeof uid === 'string') this.#store.setIndex(`sessionUid:${uid}`, id, ttl)
  }

  async find(id: string): Promise<Payload | undefined> {
    return this.#store.get(this.#key(id))
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    const id = this.#store.getIndex(`userCode:${userCode}`)
    return id === undefined ? undefined : this.find(id)
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    const id = this.#store.getIndex(`sessionUid:${uid}`)
    return id === undefined ? undefined : this.find(id)
  }

  async consume(id: string): Promise<void> {
    const payload = this.#store.get(this.#key(id))
    if (payload !== undefined) payload['consumed'] = Math.floor(Date.now() / 1000)
  }

  async destroy(id: string): Promise<void> {
    this.#store.delete(this.#key(id))
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.#store.revokeGrant(grantId)
  }

  #key(id: string): string {
    return `${this.#model}:${id}`
  }
}

/** The `adapter` option of oidc-provider: one adapter per model, all over `store`. */
export function createAdapterFactory(store: MemoryStore): (model: string) => MemoryAdapter {
  return (model) => new MemoryAdapter(model, store)
}
