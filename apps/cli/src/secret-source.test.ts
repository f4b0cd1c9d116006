import { describe, expect, it } from 'vitest'
import { secretSource } from './secret-source.js'

describe('secretSource', () => {
  const env = { AUTHCLI_CLIENT_SECRET: 'x' }
  it('flags > AUTHCLI_CLIENT_SECRET > config file > config env > AUTHCLI_CLIENT_SECRET', () => {
    expect(secretSource({ flagFile: '/f', flagEnv: 'E', configFile: '/c' }, env)).toEqual({ file: '/f' })
    expect(secretSource({ flagEnv: 'E', configFile: '/c' }, env)).toEqual({ env: 'E' })
    expect(secretSource({ configFile: '/c', configEnv: 'C' }, env)).toEqual({ env: 'AUTHCLI_CLIENT_SECRET' })
    expect(secretSource({ configFile: '/c', configEnv: 'C' }, {})).toEqual({ file: '/c' })
    expect(secretSource({ configEnv: 'C' }, { AUTHCLI_CLIENT_SECRET: '' })).toEqual({ env: 'C' })
    expect(secretSource({}, {})).toEqual({ env: 'AUTHCLI_CLIENT_SECRET' })
  })
})
