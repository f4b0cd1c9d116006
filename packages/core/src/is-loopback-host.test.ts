import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from './is-loopback-host.js'

describe('isLoopbackHost', () => {
  it('knows loopback names and addresses', () => {
    for (const h of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHost(h), h).toBe(true)
  })
  it('refuses everything else, including look-alikes', () => {
    for (const h of ['example.com', 'localhost.example.com', '128.0.0.1', '127.0.0.1.evil.test', '[::2]', '10.0.0.1', '']) expect(isLoopbackHost(h), h).toBe(false)
  })
})
