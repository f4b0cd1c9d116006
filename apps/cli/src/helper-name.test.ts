import { describe, expect, it } from 'vitest'
import { dockerHelperArgv } from './helper-name.js'

describe('dockerHelperArgv', () => {
  it('runs docker-credential when started as docker-credential-authcli', () => {
    expect(dockerHelperArgv(['/usr/bin/node', '/usr/local/bin/docker-credential-authcli', 'get'])).toEqual(['docker-credential', 'get'])
    expect(dockerHelperArgv(['node', 'C:\\bin\\docker-credential-authcli.cjs', 'list'])).toEqual(['docker-credential', 'list'])
  })

  it('leaves every other name alone', () => {
    expect(dockerHelperArgv(['node', '/usr/local/bin/authcli', 'auth', 'token'])).toEqual(['auth', 'token'])
    expect(dockerHelperArgv(['node', '/x/docker-credential-other', 'get'])).toEqual(['get'])
  })
})
