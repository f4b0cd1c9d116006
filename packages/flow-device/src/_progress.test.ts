import { NetworkError } from '@auth/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createProgress } from './_progress.js'

afterEach(() => {
  vi.useRealTimers()
})

function setup(tty: boolean) {
  const written: string[] = []
  const info: string[] = []
  const warn: string[] = []
  let remaining = 600_000
  const progress = createProgress({
    tty,
    write: (t) => written.push(t),
    output: { info: (l) => info.push(l), warn: (l) => warn.push(l) },
    remainingMs: () => remaining,
  })
  return { progress, written, info, warn, setRemaining: (ms: number) => (remaining = ms) }
}

describe('createProgress', () => {
  it('on a terminal: a spinner with the time left, redrawn over one line, erased at the end', () => {
    vi.useFakeTimers()
    const s = setup(true)
    s.progress.start()
    expect(s.written).toEqual(['\r\x1b[2K⠋ Waiting for the code to be approved... 10:00 left'])
    s.setRemaining(599_000)
    vi.advanceTimersByTime(100)
    expect(s.written.at(-1)).toBe('\r\x1b[2K⠙ Waiting for the code to be approved... 9:59 left')
    s.progress.stop()
    expect(s.written.at(-1)).toBe('\r\x1b[2K')
    const count = s.written.length
    vi.advanceTimersByTime(1000)
    s.progress.stop()
    expect(s.written).toHaveLength(count) // stopped for good
    expect(s.info).toEqual([])
  })

  it('on a terminal: clears the spinner line before printing an event', () => {
    vi.useFakeTimers()
    const s = setup(true)
    s.progress.start()
    s.progress.event({ type: 'slow_down', intervalMs: 10_000 })
    expect(s.written.at(-1)).toBe('\r\x1b[2K')
    expect(s.info).toEqual(['The server asked to poll less often: now every 10 seconds.'])
    s.progress.stop()
  })

  it('off a terminal: plain lines, nothing written raw', () => {
    const s = setup(false)
    s.progress.start()
    s.progress.event({ type: 'pending' })
    s.progress.event({ type: 'retry', error: new NetworkError('cannot reach x'), failures: 1, delayMs: 10_000 })
    s.progress.stop()
    expect(s.written).toEqual([])
    expect(s.info).toEqual(['Waiting for the code to be approved (it expires in 10 minutes)...'])
    expect(s.warn).toEqual(['cannot reach x; retrying in 10 seconds (retry 1)'])
  })

  it('never starts after it stopped (the browser question was answered too late)', () => {
    const s = setup(true)
    s.progress.stop()
    s.progress.start()
    s.progress.event({ type: 'slow_down', intervalMs: 1 })
    expect(s.written).toEqual([])
    expect(s.info).toEqual([])
  })
})

describe('the spinner', () => {
  it('stops quietly when its stream fails', () => {
    vi.useFakeTimers()
    let calls = 0
    const progress = createProgress({
      tty: true,
      output: undefined,
      remainingMs: () => 1000,
      write: () => {
        calls++
        throw new Error('EPIPE')
      },
    })
    expect(progress.start()).toBeUndefined()
    vi.advanceTimersByTime(1000)
    progress.stop()
    expect(calls).toBe(1)
  })
})
