/** Which server and client a cached metadata document belongs to. */
export interface ServerMetadataKey {
  /** The issuer URL. */
  issuer: string | URL
  /** The client id the discovery was made for (openid-client binds metadata to a client). */
  clientId: string
}

/** Options of {@link createServerMetadataCache}. */
export interface ServerMetadataCacheOptions {
  /** How long a document is kept, ms; default one hour. */
  maxAgeMs?: number | undefined
  /** The clock, epoch ms; default `Date.now`. */
  now?: (() => number) | undefined
}

/**
 * Gets the metadata of `key`: the cached document, else the discovery in flight for the same
 * issuer and client (concurrent callers join it), else `discover()`.
 */
export type ServerMetadataCache<T> = (key: ServerMetadataKey, discover: () => Promise<T>) => Promise<T>

/**
 * A cache of authorization-server metadata (OIDC discovery, RFC 8414) that joins concurrent
 * callers: one discovery in flight per issuer and client id, whoever asks. A failed discovery is
 * not cached (the next call tries again); a document is kept `maxAgeMs` (default an hour).
 * Library-agnostic: `discover` returns whatever the flow needs (openid-client's `ServerMetadata`,
 * a plain object).
 *
 * @returns The cache function; one per flow (or share one between flows of a product).
 * @throws Never itself; a call rejects with what `discover` rejects with.
 * @example
 * ```ts
 * const metadata = createServerMetadataCache<ServerMetadata>()
 * const server = await metadata({ issuer, clientId }, async () => (await discovery(issuer, clientId)).serverMetadata())
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export function createServerMetadataCache<T>(options: ServerMetadataCacheOptions = {}): ServerMetadataCache<T> {
  const maxAgeMs = options.maxAgeMs ?? 3_600_000
  const now = options.now ?? Date.now
  const entries = new Map<string, { pending: Promise<T>; at: number }>()
  return (key, discover) => {
    const id = `${new URL(String(key.issuer)).href}\n${key.clientId}`
    const entry = entries.get(id)
    if (entry !== undefined && now() - entry.at < maxAgeMs) return entry.pending
    const pending = Promise.resolve().then(discover)
    const fresh = { pending, at: now() }
    entries.set(id, fresh)
    pending.catch(() => {
      if (entries.get(id) === fresh) entries.delete(id)
    })
    return pending
  }
}
