import { describe, expect, it } from 'vitest'
import { goJson, parseDockerStore, readServerUrl } from './docker-protocol.js'

describe("docker's credential-helper bytes", () => {
  it("goJson writes Go's json.Encoder output: compact, HTML characters escaped, a newline", () => {
    expect(goJson({ ServerURL: 'r.example.com', Username: 'u', Secret: 'a<b>&c\u2028' })).toBe('{"ServerURL":"r.example.com","Username":"u","Secret":"a\\u003cb\\u003e\\u0026c\\u2028"}\n')
    expect(goJson({})).toBe('{}\n')
  })

  it('reads the server URL as docker writes it (no newline) or with whitespace', () => {
    expect(readServerUrl('registry.example.com')).toBe('registry.example.com')
    expect(readServerUrl('  registry.example.com\n')).toBe('registry.example.com')
    expect(readServerUrl(' \n')).toBeUndefined()
  })

  it('parses a store request and names what is missing, never echoing a value', () => {
    expect(parseDockerStore('{"ServerURL":"r","Username":"u","Secret":"s"}\n')).toEqual({ ServerURL: 'r', Username: 'u', Secret: 's' })
    expect(parseDockerStore('{"ServerURL":"","Username":"u","Secret":"s"}')).toEqual({ error: 'no credentials server URL' })
    expect(parseDockerStore('{"ServerURL":"r","Secret":"s"}')).toEqual({ error: 'no credentials username' })
    const garbage = parseDockerStore('hunter2-secret')
    expect(garbage).toEqual({ error: expect.stringContaining('not a JSON object') })
    expect(JSON.stringify(garbage)).not.toContain('hunter2')
    expect(parseDockerStore('[1]')).toEqual({ error: expect.stringContaining('not a JSON object') })
  })
})
