import { ErrorCode } from '@auth/core'
import { makeCredential } from '@auth/testing'
import { describe, expect, it } from 'vitest'
import { createDeviceFlow } from './create-device-flow.js'

describe('createDeviceFlow hints', () => {
  const noRefresh = makeCredential({ flow: 'device', issuer: 'https://auth.example.com', clientId: 'my-cli' })

  it("name the product's own login command when it gives one, before any request", async () => {
    const flow = createDeviceFlow({ issuer: 'https://auth.example.com', clientId: 'my-cli', name: 'mycli', loginCommand: 'mycli login --device-code' })
    await expect(flow.refresh?.(noRefresh, {})).rejects.toMatchObject({ code: ErrorCode.NOT_REFRESHABLE, exitCode: 4, hint: 'run `mycli login --device-code`' })
  })

  it('else <name> auth login --device', async () => {
    const flow = createDeviceFlow({ issuer: 'https://auth.example.com', clientId: 'my-cli', name: 'mycli' })
    await expect(flow.refresh?.(noRefresh, {})).rejects.toMatchObject({ hint: 'run `mycli auth login --device`' })
  })
})
