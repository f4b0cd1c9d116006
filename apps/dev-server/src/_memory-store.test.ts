import { afterEach, describe, expect, test, vi } from 'vitest'
import { MemoryStore } from './_memory-store.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('MemoryStore', () => {
  test('entries expire', () => {
    vi.useFakeTimers()
    const store = new MemoryStore()
    store.set('AccessToken:a', { jti: 'a' }, 10)
    store.set('Client:x', { id: 'x' }, undefined)
    vi.advanceTimersByTime(9_999)
    expect(store.get('AccessToken:a')).toEqual({ jti: 'a' })
    vi.advanceTimersByTime(1)
    expect(store.get('AccessToken:a')).toBeUndefined()
    expect(store.get('Client:x')).toEqual({ id: 'x' })
  })

  test('revokeGrant deletes every member of the grant and nothing else', () => {
    const store = new MemoryStore()
    store.set('AccessToken:a', {}, 60)
    store.set('RefreshToken:r', {}, 60)
    store.set('AccessToken:other', {}, 60)
    store.addToGrant('g1', 'AccessToken:a')
    store.addToGrant('g1', 'RefreshToken:r')
    store.revokeGrant('g1')
    expect(store.get('AccessToken:a')).toBeUndefined()
    expect(store.get('RefreshToken:r')).toBeUndefined()
    expect(store.get('AccessToken:other')).toEqual({})
  })

  test('indexes point at ids', () => {
    const store = new MemoryStore()
    store.setIndex('userCode:ABCD', 'device-1', 60)
    expect(store.getIndex('userCode:ABCD')).toBe('device-1')
    expect(store.getIndex('userCode:NONE')).toBeUndefined()
  })
})
