import type { StoreAvailability } from '@auth/core'
import { keychainError, NO_BUS, reasonOf, seconds } from './errors.js'
import { INDEX_ACCOUNT } from './credential-index.js'
import type { Settings } from './settings.js'
import { withTimeout } from './with-timeout.js'

/** The account of the entry the probe writes and deletes again (Secret Service only). */
export const PROBE_ACCOUNT = 'probe'

/**
 * Whether the keychain can be used here, within `timeoutMs` in all, never throwing.
 *
 * No `DBUS_SESSION_BUS_ADDRESS` on Linux answers at once, without loading the native module.
 * Otherwise the index entry is read: a locked keyring holding it asks to be unlocked, and a
 * dismissed prompt makes the keychain unavailable. A Secret Service without the index (nothing
 * stored yet) also gets a write and a delete of a probe entry, since reading a missing entry
 * works even when the keyring is locked or has no default collection.
 */
export async function probeKeychain(s: Settings): Promise<StoreAvailability> {
  const location = s.location
  if (s.native && s.secretService && !s.env['DBUS_SESSION_BUS_ADDRESS']) return { available: false, reason: NO_BUS, location }
  const timeout = (): Error => {
    const reason = `the keychain did not answer within ${seconds(s.timeoutMs)}`
    return keychainError(`${reason} (probe of the ${location})`, reason)
  }
  try {
    await withTimeout(
      s.timeoutMs,
      async () => {
        if ((await s.backend.get(s.service, INDEX_ACCOUNT)) !== null || !s.secretService) return
        await s.backend.set(s.service, PROBE_ACCOUNT, 'probe')
        await s.backend.delete(s.service, PROBE_ACCOUNT)
      },
      timeout,
    )
    return { available: true, location }
  } catch (error) {
    return { available: false, reason: reasonOf(error), location }
  }
}
