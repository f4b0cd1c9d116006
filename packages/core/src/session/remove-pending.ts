/** Deleting pending logins (`beginLogin` superseding, `logout`): every session can, whatever its flows. Internal. */
import { readable } from './lookup.js'
import { isPendingKey } from './pending-key.js'
import type { SessionSettings } from './settings.js'
import type { CredentialKey } from '../model/types.js'

/** Deletes the pending logins that `which` picks; resolves how many. */
export async function removePending(s: SessionSettings, which: (key: CredentialKey) => boolean): Promise<number> {
  let removed = 0
  for (const store of s.stores) {
    const keys = await readable(s, store, () => store.list()).catch(() => undefined)
    for (const key of keys ?? []) if (isPendingKey(key) && which(key) && (await store.delete(key))) removed++
  }
  return removed
}
