// Issue 11 defect #1: a global secret or token must not go to a server it was not meant for.
// A profile's own client_secret_file wins over AUTHCLI_CLIENT_SECRET when renewing; AUTHCLI_TOKEN
// belongs to the default host and is not sent to another `--host`.
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fails, ok, patLogin, sandbox, whoIs } from './_contract.js'

let one: DevServer
let two: DevServer
beforeAll(async () => {
  one = await startDevServer({ port: 0, clientSecret: 'secret-of-server-one-0123456789' })
  two = await startDevServer({ port: 0, clientSecret: 'secret-of-server-two-0123456789' })
})
afterAll(async () => {
  await one?.close()
  await two?.close()
})

describe("AUTHCLI_CLIENT_SECRET does not beat a profile's own secret source", () => {
  it('a profile logged in with --client-secret-file renews with that file, not with the variable', async () => {
    const box = await sandbox()
    try {
      const file = join(box.dir, 'one.secret')
      await writeFile(file, one.clients.confidential.clientSecret)
      await chmod(file, 0o600)
      const clientId = one.clients.confidential.clientId
      ok(await box.authcli(['auth', 'login', '--host', one.issuer, '--client-credentials', '--client-id', clientId, '--client-secret-file', file, '--scope', 'api:read']))
      // Expire the stored token, then renew with another client's secret in the environment.
      const path = box.file('credentials')
      const doc = JSON.parse(await readFile(path, 'utf8')) as { credentials: Record<string, { expiresAt?: number }> }
      for (const c of Object.values(doc.credentials)) c.expiresAt = Date.now() - 1000
      await writeFile(path, JSON.stringify(doc), { mode: 0o600 })
      one.resetCounters()
      const renewed = ok(await box.authcli(['auth', 'token'], { env: { AUTHCLI_CLIENT_SECRET: two.clients.confidential.clientSecret } }))
      expect(one.counters()['client_credentials']).toBe(1)
      expect(await whoIs(one, renewed.stdout.trim())).toMatchObject({ clientId })
    } finally {
      await box.cleanup()
    }
  })
})

describe('AUTHCLI_TOKEN belongs to the default host', () => {
  it('is used for the active host, and not sent to another --host', async () => {
    const box = await sandbox()
    try {
      await patLogin(box, one, 'alice')
      const envToken = one.mintPat({ login: 'from-env', scopes: ['api:read'] })
      const env = { AUTHCLI_TOKEN: envToken }
      expect(ok(await box.authcli(['auth', 'token'], { env })).stdout.trim()).toBe(envToken)
      two.resetCounters()
      const other = fails(await box.authcli(['api', '--host', two.issuer, '/api/v1/echo'], { env }), 4, 'LOGIN_REQUIRED')
      expect(other.stderr).not.toContain(envToken)
      expect(two.counters()['echo'] ?? 0).toBe(0)
      // With AUTHCLI_HOST naming that host, the variable is for it.
      const twoToken = two.mintPat({ login: 'from-env-two', scopes: ['api:read'] })
      const echo = JSON.parse(ok(await box.authcli(['api', '--host', two.issuer, '/api/v1/echo'], { env: { AUTHCLI_TOKEN: twoToken, AUTHCLI_HOST: two.issuer } })).stdout) as { login: string | null }
      expect(echo.login).toBe('from-env-two')
    } finally {
      await box.cleanup()
    }
  })
})
