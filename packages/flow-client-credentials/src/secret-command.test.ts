// The `command` secret source: a secrets manager's CLI run as a real child process (node itself
// plays the manager here; test/secret-command-keyring.test.ts runs `secret-tool lookup` against
// a real gnome-keyring).
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuthenticationError, ConfigError, ErrorCode, redact } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveClientSecret } from './resolve-client-secret.js'
import type { SecretSource } from './types.js'

const SECRET = 'cmd-s3cr3t-Value-0123456789abcdef'
const node = (script: string): string[] => [process.execPath, '-e', script]
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-command-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function refusal(source: SecretSource, env: Record<string, string | undefined> = { PATH: process.env.PATH }): Promise<AuthenticationError> {
  const error = await resolveClientSecret(source, { env }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(AuthenticationError.isInstance(error), String(error)).toBe(true)
  const e = error as AuthenticationError
  expect(e).toMatchObject({ code: ErrorCode.LOGIN_REQUIRED, exitCode: 4 })
  expect(`${e.message} ${e.hint}`).not.toContain(SECRET)
  expect(e.message).not.toMatch(/[\u0000-\u001f\u007f]/)
  return e
}

describe('resolveClientSecret({ command })', () => {
  it("reads the program's stdout, trimmed, and registers it as a secret", async () => {
    expect(await resolveClientSecret({ command: node(`process.stdout.write(${JSON.stringify(`${SECRET}\n`)})`) })).toBe(SECRET)
    expect(redact(`x ${SECRET} y`)).toBe('x *** y')
  })

  it('runs without a shell: metacharacters in arguments reach the program as they are', async () => {
    const marker = join(dir, 'pwned')
    const arg = `$(touch ${marker}); touch ${marker} | \`touch ${marker}\``
    expect(await resolveClientSecret({ command: [...node('process.stdout.write(process.argv[1])'), arg] })).toBe(arg)
    expect(existsSync(marker)).toBe(false)
  })

  it('closes stdin (a program that reads it sees end of input at once) and passes the environment given', async () => {
    const script = `let t='';process.stdin.on('data',d=>t+=d).on('end',()=>process.stdout.write(process.env.VAULT_ADDR+':'+t.length))`
    expect(await resolveClientSecret({ command: node(script) }, { env: { PATH: process.env.PATH, VAULT_ADDR: 'https://vault.test' } })).toBe('https://vault.test:0')
  })

  it('fails with exit 4 naming the program and its exit code, with its stderr made terminal-safe and redacted', async () => {
    const script = `process.stderr.write('ERROR: \\u001b[31mSecret not found\\u001b[0m\\n token=${SECRET}2 in vault\\u202e'); process.exit(3)`
    const e = await refusal({ command: node(script) })
    expect(e.message).toMatch(/^the secrets manager command node failed \(exit 3\): ERROR: \[31mSecret not found \[0m token=\*\*\* in vault$/)
    expect(e.hint).toBe("run the command yourself to see why (signed in? the secret's name?)")
  })

  it('keeps at most 300 characters of a long stderr', async () => {
    const e = await refusal({ command: node(`process.stderr.write('x'.repeat(100000)); process.exit(1)`) })
    expect(e.message.length).toBeLessThan(400)
  })

  it('a missing program: exit 4, says so and how to fix it', async () => {
    const e = await refusal({ command: ['no-such-secrets-manager-xyz', 'read', 'op://x'] })
    expect(e.message).toBe('the secrets manager command no-such-secrets-manager-xyz was not found')
    expect(e.hint).toMatch(/^install no-such-secrets-manager-xyz, or give its full path/)
  })

  it('kills a program that does not answer within timeoutMs', async () => {
    const started = Date.now()
    const e = await refusal({ command: node('setInterval(() => {}, 1000)'), timeoutMs: 300 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(e.message).toBe('the secrets manager command node did not answer within 300 ms')
  })

  it('keeps to timeoutMs when the program left a child holding its output open (a wrapper script)', async () => {
    const grandchild = `require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 4000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000)`
    const started = Date.now()
    const e = await refusal({ command: node(grandchild), timeoutMs: 500 })
    expect(Date.now() - started).toBeLessThan(2500)
    expect(e.message).toBe('the secrets manager command node did not answer within 500 ms')
  })

  it('refuses more than 64 KiB of output, empty output and more than one line', async () => {
    expect((await refusal({ command: node(`process.stdout.write('a'.repeat(70000))`) })).message).toBe('the secrets manager command node printed more than 64 KiB')
    expect((await refusal({ command: node('') })).message).toBe('the client secret in the output of the command node is empty')
    expect((await refusal({ command: node(`console.log('${SECRET}'); console.log('second')`) })).message).toBe('the client secret in the output of the command node holds more than one line')
  })

  it.each([
    [{ command: [] }, '"secret.command" must be a non-empty array: the program, then its arguments (no shell)'],
    [{ command: 'az keyvault secret show' }, '"secret.command" must be a non-empty array: the program, then its arguments (no shell)'],
    [{ command: ['az', 3] }, '"secret.command" must hold strings without NUL characters'],
    [{ command: ['az', 'a\u0000b'] }, '"secret.command" must hold strings without NUL characters'],
    [{ command: [' '] }, '"secret.command[0]" must name the program'],
    [{ command: ['az'], timeoutMs: 0 }, '"secret.timeoutMs" must be an integer from 1 to 600000 (ms)'],
    [{ command: ['az'], env: 'X' }, '"secret" must have exactly one of env, file, privateKeyFile, value, command'],
  ])('refuses a malformed command source %j with CONFIG_ERROR (exit 2)', async (source, message) => {
    const error = await resolveClientSecret(source as unknown as SecretSource).catch((e: unknown) => e)
    expect(ConfigError.isInstance(error)).toBe(true)
    expect((error as ConfigError).exitCode).toBe(2)
    expect((error as ConfigError).message).toContain(message)
  })
})
