import type { CredentialStore, StoreAvailability } from '../model/types.js'

/**
 * Probes a store with a deadline; a store without `probe` is available. A probe that throws or
 * does not answer in time counts as unavailable, with the reason.
 * @example `const { available, reason } = await probeStore(keychain)`
 */
export async function probeStore(store: CredentialStore, timeoutMs = 3000): Promise<StoreAvailability> {
  if (!store.probe) return { available: true }
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<StoreAvailability>((resolve) => {
    timer = setTimeout(() => resolve({ available: false, reason: `did not answer within ${timeoutMs} ms` }), timeoutMs)
    timer.unref?.()
  })
  try {
    return await Promise.race([store.probe(), deadline])
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}
