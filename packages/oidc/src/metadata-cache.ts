/**
 * Gets the metadata of `server`: the cached document, else the discovery in flight for the same
 * issuer and client (concurrent callers join it), else `discover()`.
 */
export type ServerMetadataCache<T> = (server: { issuer: string | URL; clientId: string }, discover: () => Promise<T>) => Promise<T>

/**
 * A cache of authorization-server metadata (OIDC discovery, RFC 8414) that joins concurrent
 * callers: one discovery in flight per issuer and client id. A failed discovery is not cached
 * (the next call tries again); a document is kept `maxAgeMs` (default an hour).
 *
 * @throws Never itself; a call rejects with what `discover` rejects with.
 * @example
 * ```ts
 * const metadata = createServerMetadataCache<ServerMetadata>()
 * const server = await metadata({ issuer, clientId }, async () => (await discovery(issuer, clientId)).serverMetadata())
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 */
export function createServerMetadataCache<T>(options: { maxAgeMs?: number; now?: () => number } = {}): ServerMetadataCache<T> {
  const maxAgeMs = options.maxAgeMs ?? 3_600_000
  const now = options.now ?? Date.now
  const entries = new Map<string, { pending: Promise<T>; at: number }>()
  return (server, discover) => {
    const id = `${new URL(String(server.issuer)).href}\n${server.clientId}`
    const entry = entries.get(id)
    if (entry !== undefined && now() - entry.at < maxAgeMs) return entry.pending
    const fresh = { pending: Promise.resolve().then(discover), at: now() }
    entries.set(id, fresh)
    fresh.pending.catch(() => {
      if (entries.get(id) === fresh) entries.delete(id)
    })
    return fresh.pending
  }
}
