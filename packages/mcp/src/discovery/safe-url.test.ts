import { AuthError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { assertSafeUrl, isSafeUrl } from './safe-url.js'

describe('assertSafeUrl', () => {
  it('accepts https anywhere and http on loopback', () => {
    for (const url of ['https://as.example.com/authorize', 'https://as.example.com/oauth/authorize?tenant=a&x=1', 'http://127.0.0.1:8080/token', 'http://localhost:3000/', 'http://[::1]:9/x']) {
      expect(assertSafeUrl(url, 'endpoint').href).toBe(new URL(url).href)
    }
  })
  it('refuses other schemes, plain http elsewhere, credentials, and anything a shell or opener would read', () => {
    const refused = [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://as.example.com/x',
      'http://as.example.com/authorize',
      'https://user:pw@as.example.com/',
      'https://as.example.com/a b',
      'https://as.example.com/$(touch /tmp/pwned)',
      'https://as.example.com/`id`',
      "https://as.example.com/'x'",
      'https://as.example.com/"x"',
      'https://as.example.com/<script>',
      'https://as.example.com/a;rm -rf',
      'https://as.example.com/a|b',
      'https://as.example.com/a&b',
      'https://as.example.com/a\\b',
      'https://as.example.com/#frag',
      'http://127.0.0.1.evil.com/',
      `https://as.example.com/${'a'.repeat(3000)}`,
      '',
    ]
    for (const url of refused) {
      let error: unknown
      try {
        assertSafeUrl(url, 'authorization_endpoint', 'https://as.example.com')
      } catch (e) {
        error = e
      }
      expect(AuthError.isInstance(error), url).toBe(true)
      expect((error as AuthError).code).toBe('BAD_RESPONSE')
      expect((error as AuthError).message).not.toContain('\n')
      expect(isSafeUrl(url)).toBe(false)
    }
  })
})
