import { describe, expect, it } from 'vitest'
import { parseBusAddress } from './bus-address.js'

describe('parseBusAddress', () => {
  it.each([
    ['unix:path=/run/user/1000/bus', { path: '/run/user/1000/bus' }],
    ['unix:path=/tmp/dbus-rTU1tIDCa8,guid=b7264f35d4abb43846b70eed6b03c376', { path: '/tmp/dbus-rTU1tIDCa8' }],
    ['unix:abstract=/tmp/dbus-x,guid=1', { path: '\0/tmp/dbus-x' }],
    ['unix:path=/tmp/with%20space', { path: '/tmp/with space' }],
    ['tcp:host=127.0.0.1,port=4000', { host: '127.0.0.1', port: 4000 }],
    ['autolaunch:;unix:path=/b', { path: '/b' }],
    ['unix:runtime=yes', { path: '/run/user/7/bus' }],
  ])('parses %j', (address, socket) => {
    expect(parseBusAddress(address, '/run/user/7')).toEqual(socket)
  })

  it.each([
    [''],
    ['garbage'],
    [':path=/x'],
    ['unix:'],
    ['unix:path'],
    ['unix:path=%zz'],
    ['unix:runtime=yes'],
    ['unixexec:path=/bin/true'],
    ['launchd:env=DBUS_LAUNCHD_SESSION_BUS_SOCKET'],
    ['tcp:host=h,port=99999'],
    ['tcp:host=h'],
  ])('gives up on %j (the native module gets to try)', (address) => {
    expect(parseBusAddress(address)).toBeUndefined()
  })
})
