import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterCtrlC, onInterrupt } from './interrupt.js'

describe('onInterrupt', () => {
  afterEach(() => void vi.useRealTimers())

  it('aborts with a CancelledError on the first Ctrl-C and forces the exit after the grace time', () => {
    vi.useFakeTimers()
    const source = new EventEmitter()
    const controller = new AbortController()
    const forceExit = vi.fn()
    onInterrupt(source, { controller, forceExit, graceMs: 500 })
    source.emit('SIGINT')
    expect(controller.signal.aborted).toBe(true)
    expect(controller.signal.reason).toMatchObject({ code: 'CANCELLED', exitCode: 130 })
    // The terminal echoed ^C: the error is printed on a fresh line.
    expect(afterCtrlC(controller.signal.reason)).toBe(true)
    expect(forceExit).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(forceExit).toHaveBeenCalledOnce()
  })

  it('handles SIGTERM like Ctrl-C: the run can release its locks and exit 130', () => {
    const source = new EventEmitter()
    const controller = new AbortController()
    const uninstall = onInterrupt(source, { controller, forceExit: vi.fn() })
    source.emit('SIGTERM')
    expect(controller.signal.reason).toMatchObject({ code: 'CANCELLED', exitCode: 130 })
    expect(afterCtrlC(controller.signal.reason)).toBe(false)
    uninstall()
    expect(source.listenerCount('SIGTERM')).toBe(0)
  })

  it('forces the exit at once on a second Ctrl-C', () => {
    const source = new EventEmitter()
    const forceExit = vi.fn()
    const uninstall = onInterrupt(source, { controller: new AbortController(), forceExit })
    source.emit('SIGINT')
    source.emit('SIGINT')
    expect(forceExit).toHaveBeenCalledOnce()
    uninstall()
  })

  it('uninstalls its listener and timer', () => {
    vi.useFakeTimers()
    const source = new EventEmitter()
    const forceExit = vi.fn()
    const uninstall = onInterrupt(source, { controller: new AbortController(), forceExit, graceMs: 10 })
    source.emit('SIGINT')
    uninstall()
    vi.advanceTimersByTime(100)
    expect(source.listenerCount('SIGINT')).toBe(0)
    expect(forceExit).not.toHaveBeenCalled()
  })
})
