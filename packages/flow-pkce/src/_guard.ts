// Cancellation at every await of a flow. Internal.
import { cancelledError } from './_errors.js'

/**
 * Runs `fn` unless `signal` has aborted; whatever it throws once the signal has aborted becomes
 * CancelledError `CANCELLED` (exit 130), whatever the library made of the abort.
 */
export async function guard<T>(fn: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) throw cancelledError(signal.reason)
  try {
    return await fn()
  } catch (error) {
    if (signal?.aborted) throw cancelledError(error)
    throw error
  }
}
