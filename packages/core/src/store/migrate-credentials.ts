import { AuthError } from '../errors/auth-error.js'
import { StorageError } from '../errors/classes.js'
import { credentialKeyId } from '../model/credential-key.js'
import type { Credential, CredentialKey, CredentialStore, Logger } from '../model/types.js'

/** Options of {@link migrateCredentials}. */
export interface MigrateCredentialsOptions {
  /** The store (or stores, in order: a key held by several is moved from the first one first) to empty. */
  from: CredentialStore | readonly CredentialStore[]
  /** Where every credential goes. */
  to: CredentialStore
  /** Only these keys; default every key the sources hold. */
  keys?: readonly CredentialKey[]
  logger?: Logger
}

/** One credential that reached the target. */
export interface MovedCredential {
  host: string
  account: string
  /** The kind of store it came from. */
  from: string
  /**
   * `moved`: written to the target, read back equal, deleted from `from`. `kept-target`: the
   * target already held the same credential, or a newer one (`obtainedAt`), for this host and
   * account: the copy in `from` was deleted.
   */
  outcome: 'moved' | 'kept-target'
}

interface Pending {
  store: CredentialStore
  key: CredentialKey
  credential: Credential
}

/**
 * Moves credentials between stores, one at a time and atomically each: written to `to`, read
 * back and compared, and only then deleted from its source. Everything is read before anything
 * moves, so an unreadable source stops the migration with nothing changed. A failure midway stops
 * at that credential: it is still in its source (a copy that did not read back equal is removed
 * from the target when the target held nothing before), every earlier one is in the target,
 * every later one untouched: no credential is ever in neither store.
 *
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a source cannot be read, or a write, read
 * back or delete fails; the message says how many moved and where the rest are.
 * @example
 * ```ts
 * const moved = await migrateCredentials({ from: [keychain, file], to: encrypted })
 * for (const m of moved) console.error(`${m.host} (${m.account}): ${m.from} -> ${encrypted.kind}`)
 * ```
 */
export async function migrateCredentials(options: MigrateCredentialsOptions): Promise<MovedCredential[]> {
  const { to, logger } = options
  const sources = (Array.isArray(options.from) ? options.from : [options.from]) as readonly CredentialStore[]
  const wanted = options.keys && new Set(options.keys.map(credentialKeyId))
  const pending = await readAll(
    sources.filter((store) => store !== to),
    wanted,
  )
  const moved: MovedCredential[] = []
  for (const item of pending) {
    try {
      const outcome = await moveOne(item, to)
      moved.push({ host: item.key.host, account: item.key.account, from: item.store.kind, outcome })
      logger?.debug(`migrate: ${item.key.host} (${item.key.account}) ${item.store.kind} -> ${to.kind}: ${outcome}`)
    } catch (error) {
      throw stopped(error, item, to, moved.length, pending)
    }
  }
  return moved
}

async function readAll(sources: readonly CredentialStore[], wanted: Set<string> | undefined): Promise<Pending[]> {
  const pending: Pending[] = []
  for (const store of sources) {
    for (const key of await store.list()) {
      if (wanted && !wanted.has(credentialKeyId(key))) continue
      const credential = await store.get(key)
      if (credential) pending.push({ store, key, credential })
    }
  }
  return pending
}

async function moveOne({ store, key, credential }: Pending, target: CredentialStore): Promise<MovedCredential['outcome']> {
  const existing = await target.get(key)
  const keep = existing !== undefined && (sameCredential(existing, credential) || existing.obtainedAt > credential.obtainedAt)
  if (!keep) {
    await target.set(key, credential)
    const back = await target.get(key)
    if (back === undefined || !sameCredential(back, credential)) {
      if (existing === undefined) await target.delete(key).catch(() => false)
      throw new StorageError(`the ${target.kind} store did not give the credential back as written`)
    }
  }
  await store.delete(key)
  return keep ? 'kept-target' : 'moved'
}

/**
 * Whether two credentials hold the same data (`source`, which no store keeps, aside; key order
 * and `undefined` fields do not count).
 * @example `sameCredential(a, { ...a, source: 'file' })` is `true`
 */
export function sameCredential(a: Credential, b: Credential): boolean {
  return canonical({ ...a, source: undefined }) === canonical({ ...b, source: undefined })
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : v,
  )
}

function stopped(error: unknown, item: Pending, target: CredentialStore, done: number, pending: readonly Pending[]): StorageError {
  const reason = AuthError.isInstance(error) || error instanceof Error ? error.message : String(error)
  const rest = [...new Set(pending.slice(done).map((p) => p.store.kind))].join(', ')
  return new StorageError(
    `the migration stopped at ${item.key.host} (${item.key.account}), ${item.store.kind} -> ${target.kind}: ${reason}; ${done} of ${pending.length} moved, the other ${pending.length - done} are still in ${rest}`,
    { hint: 'nothing was lost: fix the cause and run it again', cause: error },
  )
}
