import { describe, expect, test } from 'vitest'
import { CookieJar } from './_cookie-jar.js'

function setCookies(...lines: string[]): Headers {
  const headers = new Headers()
  for (const line of lines) headers.append('set-cookie', line)
  return headers
}

describe('CookieJar', () => {
  test('keeps, replaces and expires cookies by name', () => {
    const jar = new CookieJar()
    expect(jar.header()).toBeUndefined()
    jar.store(setCookies('_session=a; path=/; httponly', '_interaction=b; path=/interaction/x'))
    expect(jar.header()).toBe('_session=a; _interaction=b')
    jar.store(setCookies('_interaction=c; path=/interaction/y', '_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT'))
    expect(jar.header()).toBe('_interaction=c')
    jar.store(setCookies('_interaction=d; Max-Age=0'))
    expect(jar.header()).toBeUndefined()
  })
})
