import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from './host.js'

describe('isLoopbackHost', () => {
  it('knows loopback names and addresses', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '127.255.255.255', '[::1]', '::1']) expect(isLoopbackHost(h), h).toBe(true)
  })
  it('refuses everything else, including look-alikes', () => {
    for (const h of ['example.com', 'localhost.example.com', '128.0.0.1', '127.0.0.1.evil.test', '127.0.0.256', '[::2]', '[::ffff:7f00:1]', '10.0.0.1', '', 'localhostx', 'localhost.'])
      expect(isLoopbackHost(h), h).toBe(false)
  })
  it('refuses *.localhost: such a name goes to DNS, which may answer anything (issue 11, defect #6)', () => {
    for (const h of ['evil.localhost', 'app.localhost', 'a.b.localhost', 'EVIL.LOCALHOST']) expect(isLoopbackHost(h), h).toBe(false)
  })
  it('agrees with URL#hostname for the forms a user types', () => {
    expect(isLoopbackHost(new URL('http://127.0.0.1:8080/x').hostname)).toBe(true)
    expect(isLoopbackHost(new URL('http://[::1]:8080/x').hostname)).toBe(true)
    expect(isLoopbackHost(new URL('http://evil.localhost:8080/x').hostname)).toBe(false)
  })
})
