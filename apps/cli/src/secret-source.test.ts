import { describe, expect, it } from 'vitest'
import { secretSource } from './secret-source.js'

describe('secretSource', () => {
  it("flags > the profile's config file > config env > AUTHCLI_CLIENT_SECRET", () => {
    expect(secretSource({ flagFile: '/f', flagEnv: 'E', configFile: '/c' })).toEqual({ file: '/f' })
    expect(secretSource({ flagEnv: 'E', configFile: '/c' })).toEqual({ env: 'E' })
    // The profile's own source wins over the global variable (issue 11 #1: another client's secret went to this issuer).
    expect(secretSource({ configFile: '/c', configEnv: 'C' })).toEqual({ file: '/c' })
    expect(secretSource({ configEnv: 'C' })).toEqual({ env: 'C' })
    expect(secretSource({})).toEqual({ env: 'AUTHCLI_CLIENT_SECRET' })
  })
})
