import { describe, expect, it, vi } from 'vitest'
import { deferred } from './_test-fixtures.js'
import { singleFlight } from './single-flight.js'

describe('singleFlight', () => {
  it('joins concurrent calls per key', async () => {
    const flights = singleFlight<string, number>()
    const a = deferred<number>()
    const fnA = vi.fn(() => a.promise)
    const fnB = vi.fn(async () => 2)
    const calls = [flights.run('a', fnA), flights.run('a', fnA), flights.run('b', fnB), flights.run('a', fnA)]
    expect(fnA).toHaveBeenCalledTimes(1)
    expect(fnB).toHaveBeenCalledTimes(1)
    expect(flights.has('a')).toBe(true)
    a.resolve(1)
    expect(await Promise.all(calls)).toEqual([1, 1, 2, 1])
    expect(flights.has('a')).toBe(false)
  })

  it('caches nothing: after settling, the next run calls again', async () => {
    const flights = singleFlight<string, number>()
    let n = 0
    expect(await flights.run('k', async () => ++n)).toBe(1)
    expect(await flights.run('k', async () => ++n)).toBe(2)
  })

  it('shares a rejection, then forgets it', async () => {
    const flights = singleFlight<object, string>()
    const key = {}
    const d = deferred<string>()
    const [x, y] = [flights.run(key, () => d.promise), flights.run(key, () => d.promise)]
    d.reject(new Error('fail'))
    await expect(x).rejects.toThrow('fail')
    await expect(y).rejects.toThrow('fail')
    await expect(flights.run(key, async () => 'ok')).resolves.toBe('ok')
  })

  it('turns a synchronous throw into a rejection and clears the key', async () => {
    const flights = singleFlight<string, string>()
    await expect(flights.run('k', () => { throw new Error('sync') })).rejects.toThrow('sync')
    expect(flights.has('k')).toBe(false)
  })
})
