import { describe, expect, it } from 'vitest'
import { describeNativeFailure } from './native-failure.js'

describe('describeNativeFailure', () => {
  it.each([
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'the keyring is locked (the unlock prompt was dismissed)'],
    ['DBUS_SESSION_BUS_ADDRESS is not set', 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)'],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'no Secret Service on the D-Bus session bus'],
    ['Platform secure storage failure: User interaction is not allowed.', 'the keychain is locked'],
    ["Attribute 'password' is longer than platform limit of 2560 chars", 'the secret is too long for this keychain'],
  ])('names %j', (message, reason) => {
    expect(describeNativeFailure(new Error(message)).reason).toBe(reason)
  })

  it('keeps an unknown message on one line, short, with secrets masked', () => {
    const { reason, hint } = describeNativeFailure(new Error(`weird\r\nfailure ${'z'.repeat(300)} my-secret-value-123`), ['my-secret-value-123'])
    expect(reason).not.toMatch(/[\r\n]/)
    expect(reason.length).toBeLessThanOrEqual(200)
    expect(reason.startsWith('weird failure zzz')).toBe(true)
    expect(describeNativeFailure('boom my-secret-value-123', ['my-secret-value-123']).reason).toBe('boom ***')
    expect(hint).toMatch(/use another store \(the file or the encrypted store\)/)
  })

  it('survives garbage', () => {
    expect(describeNativeFailure(undefined).reason).toBe('undefined')
    expect(describeNativeFailure(new Error('')).reason).toBe('unknown error')
  })
})
