import { describe, expect, it } from 'vitest'
import { resolveApiUrl } from './api-url.js'

describe('resolveApiUrl', () => {
  it.each([
    ['https://api.example.com', '/api/v1/profile', 'https://api.example.com/api/v1/profile'],
    ['https://api.example.com', 'api/v1/profile?x=1&y=2', 'https://api.example.com/api/v1/profile?x=1&y=2'],
    ['https://api.example.com/base', '/api/v1/echo', 'https://api.example.com/base/api/v1/echo'],
    ['https://api.example.com/base/', 'v1/echo#frag', 'https://api.example.com/base/v1/echo'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/v1/echo', 'http://127.0.0.1:8080/api/v1/echo'],
    ['https://api.example.com', '/a/../b', 'https://api.example.com/b'],
  ])('%s + %s -> %s', (host, path, expected) => {
    expect(resolveApiUrl(host, path).href).toBe(expected)
  })

  it.each([
    ['another origin', 'https://api.example.com', 'https://evil.example/steal'],
    ['another port', 'http://127.0.0.1:8080', 'http://127.0.0.1:9090/x'],
    ['another scheme', 'https://api.example.com', 'http://api.example.com/x'],
    ['a protocol-relative URL', 'https://api.example.com', '//evil.example/x'],
    ['backslashes', 'https://api.example.com', '\\\\evil.example/x'],
    ['a climb out of the base path', 'https://api.example.com/base', '../other'],
    ['an encoded climb', 'https://api.example.com/base', '%2e%2e/other'],
    ['user info', 'https://api.example.com', 'https://user@evil.example/x'],
    ['an empty path', 'https://api.example.com', '  '],
    ['a control character', 'https://api.example.com', '/a\nb'],
    ['a javascript: URL', 'https://api.example.com', 'javascript:alert(1)'],
  ])('rejects %s (exit 2)', (_what, host, path) => {
    expect(() => resolveApiUrl(host, path)).toThrow(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2 }))
  })
})
