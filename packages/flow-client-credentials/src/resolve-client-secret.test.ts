import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuthenticationError, ConfigError, ErrorCode, redact } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveClientSecret } from './resolve-client-secret.js'
import type { SecretSource } from './types.js'

const SECRET = 's3cr3t-Value-For-Resolve-0123456789'
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-secret-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function secretFile(name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, content, { mode })
  await chmod(path, mode)
  return path
}

async function refusal(source: SecretSource, env: Record<string, string | undefined> = {}): Promise<AuthenticationError> {
  try {
    await resolveClientSecret(source, { env })
  } catch (error) {
    expect(AuthenticationError.isInstance(error)).toBe(true)
    const e = error as AuthenticationError
    expect(e.code).toBe(ErrorCode.LOGIN_REQUIRED)
    expect(e.exitCode).toBe(4)
    expect(`${e.message} ${e.hint}`).not.toContain(SECRET)
    return e
  }
  throw new Error('expected a refusal')
}

describe('resolveClientSecret', () => {
  it('reads an env var, trimmed, and registers it as a secret', async () => {
    expect(await resolveClientSecret({ env: 'MY_SECRET' }, { env: { MY_SECRET: ` ${SECRET}\n` } })).toBe(SECRET)
    expect(redact(`x ${SECRET} y`)).toBe('x *** y')
  })

  it('reads process.env by default', async () => {
    process.env['CC_TEST_SECRET'] = SECRET
    try {
      expect(await resolveClientSecret({ env: 'CC_TEST_SECRET' })).toBe(SECRET)
    } finally {
      delete process.env['CC_TEST_SECRET']
    }
  })

  it('names the variable expected when it is not set', async () => {
    const error = await refusal({ env: 'AUTHCLI_CLIENT_SECRET' })
    expect(error.message).toBe('the client secret is expected in the environment variable AUTHCLI_CLIENT_SECRET, which is not set')
    expect(error.hint).toBe('export AUTHCLI_CLIENT_SECRET=<secret>, or read the secret from a file (the { file } secret source)')
    expect(error.hintKey).toBe('client-secret-missing')
  })

  it.each([
    ['', 'is empty'],
    ['  \n', 'is empty'],
    [`${SECRET}\n${SECRET}`, 'holds more than one line'],
  ])('refuses the env value %j', async (value, fragment) => {
    const error = await refusal({ env: 'S' }, { S: value })
    expect(error.message).toContain('the environment variable S')
    expect(error.message).toContain(fragment)
  })

  it('reads a 0600 file, trimming the trailing newline', async () => {
    expect(await resolveClientSecret({ file: await secretFile('ok', `${SECRET}\n`) })).toBe(SECRET)
  })

  it('follows a symlink to a 0600 file (Kubernetes secret mounts)', async () => {
    const target = await secretFile('target', SECRET)
    const link = join(dir, 'link')
    await symlink(target, link)
    expect(await resolveClientSecret({ file: link })).toBe(SECRET)
  })

  it.each([0o644, 0o640, 0o604, 0o660, 0o602])('refuses a file of mode %s with the chmod hint', async (mode) => {
    const path = await secretFile(`mode-${mode.toString(8)}`, SECRET, mode)
    const error = await refusal({ file: path })
    expect(error.message).toBe(`the client secret file ${path} is accessible by other users (mode 0${mode.toString(8)}); refusing to use it`)
    expect(error.hint).toBe(`chmod 600 ${path}`)
  })

  it('accepts 0400', async () => {
    expect(await resolveClientSecret({ file: await secretFile('ro', SECRET, 0o400) })).toBe(SECRET)
  })

  it('names the file expected when it does not exist', async () => {
    const path = join(dir, 'missing')
    const error = await refusal({ file: path })
    expect(error.message).toBe(`the client secret file ${path} does not exist`)
  })

  it('refuses a directory, an empty file, a multi-line file, a huge file', async () => {
    const sub = join(dir, 'sub')
    await mkdir(sub, { mode: 0o700 })
    expect((await refusal({ file: sub })).message).toContain('is not a regular file')
    expect((await refusal({ file: await secretFile('empty', '\n') })).message).toContain('is empty')
    expect((await refusal({ file: await secretFile('two', `${SECRET}\nline2\n`) })).message).toContain('holds more than one line')
    expect((await refusal({ file: await secretFile('huge', 'x'.repeat(70_000)) })).message).toContain('larger than 64 KiB')
  })

  it.runIf(process.getuid?.() !== 0)('refuses an unreadable file', async () => {
    const error = await refusal({ file: await secretFile('noread', SECRET, 0o000) })
    expect(error.message).toContain('permission denied')
  })

  it('reads a private key file whole, and a value source', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n'
    expect(await resolveClientSecret({ privateKeyFile: await secretFile('key.pem', pem) })).toBe(pem.trim())
    expect(await resolveClientSecret({ value: ` ${SECRET} `, label: 'the prompt' })).toBe(SECRET)
    expect((await refusal({ value: '', label: 'the prompt' })).message).toBe('the client secret in the prompt is empty')
  })

  it.each<[string, unknown]>([
    ['not an object', 'AUTHCLI_CLIENT_SECRET'],
    ['empty', {}],
    ['two keys', { env: 'A', file: '/x' }],
    ['bad env name', { env: 'A-B' }],
    ['env with =', { env: 'A=1' }],
    ['empty file', { file: '' }],
    ['control chars', { file: '/tmp/a\nb' }],
    ['value without label', { value: 'x' }],
    ['non-string', { file: 42 }],
    ['bad kid', { privateKeyFile: '/k.pem', kid: 1 }],
  ])('refuses a malformed source: %s', async (_name, source) => {
    await expect(resolveClientSecret(source as SecretSource, { env: {} })).rejects.toSatisfy((e: unknown) => ConfigError.isInstance(e) && (e as ConfigError).exitCode === 2)
  })
})
