import { describe, expect, it } from 'vitest'
import { isPlainHttp } from './insecure.js'

describe('isPlainHttp', () => {
  it.each([
    ['http://api.example.com', true],
    ['http://10.0.0.1:8080/x', true],
    ['http://127.0.0.1:8080', false],
    ['http://127.1.2.3', false],
    ['http://localhost:3000', false],
    ['http://[::1]:3000', false],
    ['https://api.example.com', false],
    ['not a url', false],
    [undefined, false],
  ])('%s -> %s', (url, expected) => {
    expect(isPlainHttp(url)).toBe(expected)
  })
})
