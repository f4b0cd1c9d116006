import { describe, expect, it } from 'vitest'
import { matchesServer, serverAddress } from './match-server.js'

describe('matchesServer', () => {
  const https = 'https://registry.example.com'
  const loopback = 'http://127.0.0.1:4555'

  it('matches the host as tools write it: bare, with its scheme, a path, the default port', () => {
    for (const server of ['registry.example.com', 'REGISTRY.example.com', 'https://registry.example.com', 'https://registry.example.com/v1/', 'registry.example.com:443', ' registry.example.com\n']) {
      expect(matchesServer(server, https), server).toBe(true)
    }
    for (const server of ['127.0.0.1:4555', 'http://127.0.0.1:4555', 'http://127.0.0.1:4555/v2/']) expect(matchesServer(server, loopback), server).toBe(true)
  })

  it('refuses every other server and every rewritten spelling', () => {
    const others = [
      'registry.example.com.evil.com',
      'evil.com/registry.example.com',
      'user@registry.example.com',
      'http://registry.example.com',
      'registry.example.com:8443',
      'registry.example.com\\@evil.com',
      'sub.registry.example.com',
      '',
      'https://',
    ]
    for (const server of others) expect(matchesServer(server, https), server).toBe(false)
    for (const server of ['0x7f.0.0.1:4555', '2130706433:4555', '127.0.0.1:04555', 'https://127.0.0.1:4555', 'localhost:4555', '127.0.0.1']) {
      expect(matchesServer(server, loopback), server).toBe(false)
    }
  })

  it('never serves a plain-http host off loopback', () => {
    expect(matchesServer('registry.example.com', 'http://registry.example.com')).toBe(false)
    expect(matchesServer('http://registry.example.com', 'http://registry.example.com')).toBe(false)
  })

  it('serverAddress is host[:port]', () => {
    expect(serverAddress(loopback)).toBe('127.0.0.1:4555')
    expect(serverAddress(https)).toBe('registry.example.com')
  })
})
