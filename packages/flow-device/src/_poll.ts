// The polling schedule of RFC 8628 §3.4-3.5, free of HTTP: what to do after each answer and
// when the next request may go. Internal; driven by tests with a fake clock.
import type { AuthError } from '@auth/core'
import { whileNotAborted } from '@auth/oidc'
import { cancelledError } from './_errors.js'

/** What one poll of the token endpoint gave. */
export type PollAnswer<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'pending' }
  /** `slow_down`; `intervalMs` when the server said how long to wait (GitHub does). */
  | { readonly status: 'slow_down'; readonly intervalMs?: number }
  /** The network failed or the server answered 5xx/429: retried with backoff. */
  | { readonly status: 'retry'; readonly error: AuthError }

/** What the poller reports to whoever shows progress. */
export type PollEvent =
  | { readonly type: 'pending' }
  | { readonly type: 'slow_down'; readonly intervalMs: number }
  | { readonly type: 'retry'; readonly error: AuthError; readonly failures: number; readonly delayMs: number }

/** When and how often to poll. Times are monotonic milliseconds. */
export interface PollSchedule {
  /** The wait between polls. */
  readonly intervalMs: number
  /** The first wait counts from here: when the device authorization response arrived. */
  readonly start: number
  /** When the device code expires: no request is sent at or after it. */
  readonly deadline: number
  /** Consecutive `retry` answers tolerated; one more throws the last error. */
  readonly maxNetworkRetries: number
}

/** The clock, the cancellation and the reporting. */
export interface PollRuntime {
  readonly monotonicNow: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly signal?: AbortSignal | undefined
  readonly onEvent?: (event: PollEvent) => void
  /** The error thrown when the next poll would fall at or after the deadline. */
  readonly expired: () => AuthError
}

/** `slow_down` adds this to the interval for the rest of the flow (RFC 8628 §3.5). */
export const SLOW_DOWN_STEP_MS = 5000
/** The longest wait between retries after network failures. */
export const MAX_BACKOFF_MS = 60_000

/**
 * Polls until `attempt` answers `done`. Each wait counts from the end of the previous request
 * (the server saw that request earlier still), measured on the monotonic clock, so no request
 * reaches the server before the interval is over, whatever the wall clock does.
 *
 * @throws the error of `runtime.expired()` when the next poll would be too late; the last
 *   `retry` error after more than `maxNetworkRetries` in a row (or when the backoff would pass
 *   the deadline); CancelledError `CANCELLED` when the signal aborts; whatever `attempt` throws.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
export async function poll<T>(attempt: () => Promise<PollAnswer<T>>, schedule: PollSchedule, runtime: PollRuntime): Promise<T> {
  let intervalMs = schedule.intervalMs
  let failures = 0
  let lastError: AuthError | undefined
  let last = schedule.start
  for (;;) {
    const delayMs = failures === 0 ? intervalMs : backoff(intervalMs, failures)
    if (last + delayMs >= schedule.deadline) throw lastError ?? runtime.expired()
    await waitUntil(last + delayMs, runtime)
    const answer = await whileNotAborted(attempt, runtime.signal, cancelledError)
    last = runtime.monotonicNow()
    if (answer.status === 'done') return answer.value
    if (answer.status === 'retry') {
      if (++failures > schedule.maxNetworkRetries) throw answer.error
      lastError = answer.error
      runtime.onEvent?.({ type: 'retry', error: answer.error, failures, delayMs: backoff(intervalMs, failures) })
      continue
    }
    failures = 0
    lastError = undefined
    if (answer.status === 'slow_down') {
      intervalMs = Math.max(intervalMs + SLOW_DOWN_STEP_MS, answer.intervalMs ?? 0)
      runtime.onEvent?.({ type: 'slow_down', intervalMs })
    } else runtime.onEvent?.({ type: 'pending' })
  }
}

/** The wait before retry number `failures`: the interval doubled each time, at most a minute (but never below the interval). */
export function backoff(intervalMs: number, failures: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS))
}

/** Sleeps until the monotonic clock reaches `target`; a sleep that ends early is continued. */
async function waitUntil(target: number, runtime: PollRuntime): Promise<void> {
  for (;;) {
    const remaining = target - runtime.monotonicNow()
    if (remaining <= 0) return whileNotAborted(async () => {}, runtime.signal, cancelledError)
    await whileNotAborted(() => runtime.sleep(remaining, runtime.signal), runtime.signal, cancelledError)
  }
}
