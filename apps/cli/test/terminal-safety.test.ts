// Issue 11 #4: text from a server or from a tampered credentials file never reaches the terminal
// with control, format or bidi characters (OSC 8 links, screen clears, U+202E).
import { readFile, writeFile } from 'node:fs/promises'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, patLogin, sandbox } from './_contract.js'

let server: DevServer
beforeAll(async () => void (server = await startDevServer({ port: 0 })))
afterAll(() => server?.close())

const HOSTILE = '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[2J \u202eevil'

describe('a tampered credentials file', () => {
  it('auth status and auth whoami print its scopes, account and tenant without control or bidi characters', async () => {
    const box = await sandbox()
    try {
      await patLogin(box, server, 'alice')
      const path = box.file('credentials')
      const doc = JSON.parse(await readFile(path, 'utf8')) as { credentials: Record<string, { scopes: string[]; account: Record<string, string>; tenant?: string }> }
      for (const c of Object.values(doc.credentials)) {
        c.scopes = [HOSTILE]
        c.account = { login: 'alice', name: HOSTILE, email: HOSTILE }
        c.tenant = HOSTILE
      }
      await writeFile(path, JSON.stringify(doc), { mode: 0o600 })
      for (const args of [
        ['auth', 'status'],
        ['auth', 'whoami'],
      ]) {
        const { stdout, stderr } = ok(await box.authcli(args))
        expect(stdout + stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
        expect(stdout).toContain('evil')
      }
    } finally {
      await box.cleanup()
    }
  })
})
