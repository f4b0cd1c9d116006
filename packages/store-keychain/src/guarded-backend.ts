import { AuthError, type Logger } from '@auth/core'
import { ANOTHER_STORE, keychainError, seconds } from './errors.js'
import { describeNativeFailure } from './native-failure.js'
import { withTimeout } from './with-timeout.js'
import type { KeychainBackend } from './types.js'

/** What {@link guardBackend} needs. Internal. */
export interface GuardSettings {
  timeoutMs: number
  location: string
  logger: Logger | undefined
}

type Op = 'get' | 'set' | 'delete'
const VERB: Record<Op, string> = { get: 'read', set: 'write', delete: 'delete' }

/**
 * Wraps a backend so that every call has a deadline (`timeoutMs`) and fails with a
 * StorageError naming the entry and the reason, never the secret; each call is logged
 * (entry, outcome, time) at debug level.
 */
export function guardBackend(backend: KeychainBackend, settings: GuardSettings): KeychainBackend {
  const call = <T>(op: Op, service: string, account: string, secret: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    guarded(settings, { op, service, account, secret }, run)
  return {
    get: (service, account) => call('get', service, account, undefined, async (signal) => checkSecret(await backend.get(service, account, { signal }))),
    set: (service, account, secret) => call('set', service, account, secret, (signal) => backend.set(service, account, secret, { signal })),
    delete: (service, account) => call('delete', service, account, undefined, async (signal) => (await backend.delete(service, account, { signal })) === true),
  }
}

interface Call {
  op: Op
  service: string
  account: string
  secret: string | undefined
}

async function guarded<T>(settings: GuardSettings, c: Call, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const started = performance.now()
  const entry = `"${c.service}" / "${c.account}"`
  const log = (outcome: string): void => settings.logger?.debug(`keychain ${c.op} ${entry}: ${outcome} (${Math.round(performance.now() - started)} ms)`)
  const timeout = (): Error =>
    keychainError(
      `the keychain did not answer within ${seconds(settings.timeoutMs)} (${VERB[c.op]} ${entry} in the ${settings.location})`,
      `the keychain did not answer within ${seconds(settings.timeoutMs)}`,
      `the keychain may be waiting for an unlock prompt, or D-Bus is hung; try again, or ${ANOTHER_STORE}`,
    )
  try {
    const result = await withTimeout(settings.timeoutMs, run, timeout)
    log(c.op === 'get' ? (result === null ? 'not found' : 'found') : c.op === 'delete' ? String(result) : 'ok')
    return result
  } catch (error) {
    log('failed')
    if (AuthError.isInstance(error)) throw error
    const { reason, hint } = describeNativeFailure(error, c.secret === undefined ? [] : [c.secret])
    // No `cause`: a backend's own message could carry the secret it was given.
    throw keychainError(`cannot ${VERB[c.op]} ${entry} in the ${settings.location}: ${reason}`, reason, hint)
  }
}

function checkSecret(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value !== 'string') throw new TypeError('the keychain backend returned something other than a string')
  return value
}
