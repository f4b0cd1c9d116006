import type { Logger } from '@auth/core'
import { keychainError } from './errors.js'
import type { KeychainBackend } from './types.js'

/** The index lives under service `<app>`, this account. */
export const INDEX_ACCOUNT = 'index'

/**
 * The list of credential key ids the store holds, kept in one keychain entry (a JSON array),
 * because no keychain can be enumerated portably. Internal.
 */
export interface CredentialIndex {
  /** The ids; entries that are not strings are dropped. Rejects on a corrupt index. */
  read(): Promise<string[]>
  /** Changes the ids and writes them back if `change` changed anything. A corrupt index is replaced (with a warning). */
  update(change: (ids: Set<string>) => void): Promise<void>
}

/** The index of the app `service` in `backend`. */
export function createCredentialIndex(backend: KeychainBackend, service: string, logger: Logger | undefined): CredentialIndex {
  const read = async (): Promise<string[]> => parseIndex(await backend.get(service, INDEX_ACCOUNT), service)
  return {
    read,
    async update(change) {
      const before = await read().catch((error: unknown) => {
        if (!isCorrupt(error)) throw error
        logger?.warn(`the keychain index "${service}" / "${INDEX_ACCOUNT}" was corrupt and is rebuilt; credentials stored before may be missing from lists`)
        return undefined
      })
      const ids = new Set(before)
      change(ids)
      const after = JSON.stringify([...ids].sort())
      if (before === undefined || after !== JSON.stringify([...before].sort())) await backend.set(service, INDEX_ACCOUNT, after)
    },
  }
}

const corrupt = new WeakSet<object>()

function isCorrupt(error: unknown): boolean {
  return typeof error === 'object' && error !== null && corrupt.has(error)
}

function parseIndex(text: string | null, service: string): string[] {
  if (text === null) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (!Array.isArray(parsed)) {
    const reason = 'the keychain index is corrupt (not a JSON array)'
    const error = keychainError(`"${service}" / "${INDEX_ACCOUNT}": ${reason}`, reason, 'log in again to rebuild it; the credentials themselves are intact')
    corrupt.add(error)
    throw error
  }
  return [...new Set(parsed.filter((id): id is string => typeof id === 'string'))]
}
