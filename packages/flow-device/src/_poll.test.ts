import { AuthError, ErrorCode, NetworkError, TimeoutError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { MAX_BACKOFF_MS, backoff, poll, type PollAnswer, type PollEvent, type PollSchedule } from './_poll.js'

const expired = () => new TimeoutError('expired', { code: ErrorCode.DEVICE_CODE_EXPIRED })
const network = () => new NetworkError('down')

/**
 * A fake monotonic clock: `sleep` advances it, each attempt takes `latency` ms, and `answers`
 * are played in order (the last repeats). Records the clock at each attempt.
 */
function harness(answers: Array<PollAnswer<string>>, { latency = 10 } = {}) {
  let now = 0
  const at: number[] = []
  const sleeps: number[] = []
  const events: PollEvent[] = []
  let i = 0
  const attempt = async (): Promise<PollAnswer<string>> => {
    at.push(now)
    now += latency
    return answers[Math.min(i++, answers.length - 1)] as PollAnswer<string>
  }
  const runtime = {
    monotonicNow: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    onEvent: (e: PollEvent) => events.push(e),
    expired,
  }
  return { attempt, runtime, at, sleeps, events, clock: () => now }
}

const schedule = (over: Partial<PollSchedule> = {}): PollSchedule => ({ intervalMs: 1000, start: 0, deadline: 600_000, maxNetworkRetries: 3, ...over })
const PENDING = { status: 'pending' } as const
const SLOW = { status: 'slow_down' } as const
const DONE = { status: 'done', value: 'tokens' } as const

describe('poll', () => {
  it('waits one interval before the first poll and between polls, counted from the end of the last', async () => {
    const h = harness([PENDING, PENDING, DONE])
    await expect(poll(h.attempt, schedule(), h.runtime)).resolves.toBe('tokens')
    expect(h.at).toEqual([1000, 2010, 3020])
    expect(h.events).toEqual([{ type: 'pending' }, { type: 'pending' }])
  })

  it('slow_down adds 5 s and keeps it; a longer interval from the server wins', async () => {
    const h = harness([SLOW, PENDING, { status: 'slow_down', intervalMs: 30_000 }, PENDING, DONE], { latency: 0 })
    await poll(h.attempt, schedule(), h.runtime)
    expect(h.at).toEqual([1000, 7000, 13000, 43000, 73000])
    expect(h.events.filter((e) => e.type === 'slow_down')).toEqual([
      { type: 'slow_down', intervalMs: 6000 },
      { type: 'slow_down', intervalMs: 30000 },
    ])
  })

  it('a shorter interval from the server does not undo the 5 s step', async () => {
    const h = harness([{ status: 'slow_down', intervalMs: 2000 }, DONE], { latency: 0 })
    await poll(h.attempt, schedule(), h.runtime)
    expect(h.at).toEqual([1000, 7000])
  })

  it('retries network failures with doubling waits, then throws the last error', async () => {
    const error = network()
    const h = harness([{ status: 'retry', error }], { latency: 0 })
    await expect(poll(h.attempt, schedule(), h.runtime)).rejects.toBe(error)
    expect(h.at).toEqual([1000, 3000, 7000, 15000])
    expect(h.events).toEqual([1, 2, 3].map((failures) => ({ type: 'retry', error, failures, delayMs: 1000 * 2 ** failures })))
  })

  it('a success in between resets the failure count', async () => {
    const retry = { status: 'retry', error: network() } as const
    const h = harness([retry, retry, retry, PENDING, retry, retry, retry, DONE], { latency: 0 })
    await expect(poll(h.attempt, schedule(), h.runtime)).resolves.toBe('tokens')
    expect(h.at).toEqual([1000, 3000, 7000, 15000, 16000, 18000, 22000, 30000])
  })

  it('maxNetworkRetries 0 throws at the first failure', async () => {
    const error = network()
    const h = harness([{ status: 'retry', error }])
    await expect(poll(h.attempt, schedule({ maxNetworkRetries: 0 }), h.runtime)).rejects.toBe(error)
    expect(h.at).toHaveLength(1)
  })

  it('caps the backoff at a minute, never below the interval', () => {
    expect(backoff(5000, 1)).toBe(10_000)
    expect(backoff(5000, 10)).toBe(MAX_BACKOFF_MS)
    expect(backoff(90_000, 3)).toBe(90_000)
  })

  it('expires locally: no request at or after the deadline', async () => {
    const h = harness([PENDING], { latency: 0 })
    const error = await poll(h.attempt, schedule({ deadline: 3000 }), h.runtime).catch((e: unknown) => e)
    expect(AuthError.isInstance(error) && error.code).toBe(ErrorCode.DEVICE_CODE_EXPIRED)
    expect(h.at).toEqual([1000, 2000])
  })

  it('counts the deadline from the schedule, not from the first poll', async () => {
    const h = harness([PENDING])
    await poll(h.attempt, schedule({ start: 500, deadline: 1400 }), h.runtime).catch(() => {})
    expect(h.at).toEqual([])
  })

  it('throws the network error rather than "expired" when the backoff runs past the deadline', async () => {
    const error = network()
    const h = harness([{ status: 'retry', error }], { latency: 0 })
    await expect(poll(h.attempt, schedule({ deadline: 5000 }), h.runtime)).rejects.toBe(error)
    expect(h.at).toEqual([1000, 3000])
  })

  it('continues a sleep that ended early', async () => {
    const h = harness([DONE])
    const runtime = { ...h.runtime, sleep: async (ms: number) => h.runtime.sleep(h.sleeps.length === 0 ? ms * 0.4 : ms) }
    await poll(h.attempt, schedule(), runtime)
    expect(h.sleeps).toEqual([400, 600])
    expect(h.at).toEqual([1000])
  })

  it('throws CancelledError when the signal aborts during a wait, without another request', async () => {
    const controller = new AbortController()
    const h = harness([PENDING])
    const runtime = {
      ...h.runtime,
      signal: controller.signal,
      sleep: async (ms: number, signal?: AbortSignal) => {
        if (h.at.length === 2) controller.abort()
        signal?.throwIfAborted()
        await h.runtime.sleep(ms)
      },
    }
    const error = await poll(h.attempt, schedule(), runtime).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: ErrorCode.CANCELLED, exitCode: 130 })
    expect(h.at).toHaveLength(2)
  })

  it('throws CancelledError when the signal aborts during a request, whatever the request threw', async () => {
    const controller = new AbortController()
    const h = harness([])
    const attempt = async (): Promise<PollAnswer<string>> => {
      controller.abort()
      throw new Error('socket hang up')
    }
    const error = await poll(attempt, schedule(), { ...h.runtime, signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: ErrorCode.CANCELLED })
  })

  it('never polls with an aborted signal', async () => {
    const h = harness([DONE])
    const error = await poll(h.attempt, schedule(), { ...h.runtime, signal: AbortSignal.abort() }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: ErrorCode.CANCELLED })
    expect(h.at).toEqual([])
  })

  it('lets other errors of an attempt through unchanged', async () => {
    const boom = new AuthError('boom')
    const h = harness([])
    await expect(poll(async () => Promise.reject(boom), schedule(), h.runtime)).rejects.toBe(boom)
  })
})
