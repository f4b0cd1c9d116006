// Reading what a machine login needs, when a token is requested: client secrets through
// @auth/flow-client-credentials (the same sources and checks as its flow), private keys and
// the user's identity assertion. Every value is registered as a secret before anything can
// print it; messages name the source, never the value. Internal.
import { open } from 'node:fs/promises'
import { AuthenticationError, ErrorCode, registerSecret } from '@auth/core'
import { resolveClientSecret } from '@auth/flow-client-credentials'
import type { KeySource, SecretSource, TokenSource } from './types.js'

type Env = Readonly<Record<string, string | undefined>>

const MAX_BYTES = 64 * 1024

/** The client secret from its source (`@auth/flow-client-credentials`' `resolveClientSecret`). */
export function readClientSecret(source: SecretSource, env: Env): Promise<string> {
  return resolveClientSecret(source, { env: { ...env } })
}

/** The text of a private key (PEM or JWK JSON); a file must be private to its owner. */
export async function readPrivateKey(source: KeySource, env: Env): Promise<string> {
  if ('file' in source) return resolveClientSecret({ privateKeyFile: source.file })
  const raw = ('env' in source ? envValue(env, source.env, 'the private key') : source.value).trim()
  // A PEM in an environment variable often arrives with its line breaks written as `\n`.
  const text = raw.startsWith('-----BEGIN') && !raw.includes('\n') ? raw.replaceAll('\\n', '\n') : raw
  if (text === '') throw unusable(`the private key in ${describe(source)} is empty`, 'provide a PEM private key or a private JWK')
  if (text.length > MAX_BYTES) throw unusable(`the private key in ${describe(source)} is larger than 64 KiB`, 'provide the private key alone')
  for (const line of text.split(/\r?\n/)) if (!line.startsWith('-----') && line.trim() !== '') registerSecret(line.trim())
  return text
}

/** The user's identity assertion (ID token or SAML assertion), one line. */
export async function readSubjectToken(source: TokenSource, env: Env): Promise<string> {
  const raw = typeof source === 'function' ? await source() : 'env' in source ? envValue(env, source.env, 'the identity assertion') : 'file' in source ? await readTokenFile(source.file) : source.value
  if (typeof raw !== 'string') throw unusable('the identity assertion (subjectToken) is not a string', 'return the ID token or SAML assertion as a string')
  const token = raw.trim()
  if (token === '') throw unusable(`the identity assertion in ${describeToken(source)} is empty`, 'log in at the enterprise IdP first, then provide its ID token')
  registerSecret(token)
  if (!/^[\x21-\x7e]{1,65536}$/.test(token))
    throw unusable(`the identity assertion in ${describeToken(source)} is not one line of printable ASCII`, 'provide the ID token (a JWT) or the base64url SAML assertion alone')
  return token
}

function envValue(env: Env, name: string, what: string): string {
  const value = env[name]
  if (value === undefined) throw unusable(`${what} is expected in the environment variable ${name}, which is not set`, `export ${name}=<value>`)
  return value
}

async function readTokenFile(path: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as { code?: unknown })?.code
    throw unusable(`the identity assertion file ${path} cannot be read (${typeof code === 'string' ? code : 'error'})`, 'check the path')
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw unusable(`the identity assertion file ${path} is not a regular file`, 'point it at the file that holds the token')
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) throw unusable(`the identity assertion file ${path} is accessible by other users; refusing to use it`, `chmod 600 ${path}`)
    if (stat.size > MAX_BYTES) throw unusable(`the identity assertion file ${path} is larger than 64 KiB`, 'keep the token alone in the file')
    return await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
}

function describe(source: KeySource): string {
  if ('env' in source) return `the environment variable ${source.env}`
  if ('file' in source) return `the file ${source.file}`
  return source.label
}

function describeToken(source: TokenSource): string {
  return typeof source === 'function' ? 'the subjectToken function' : describe(source)
}

/** A secret, key or assertion that cannot be used: LOGIN_REQUIRED, exit 4. */
export function unusable(message: string, hint: string): AuthenticationError {
  return new AuthenticationError(`@auth/mcp: ${message}`, { code: ErrorCode.LOGIN_REQUIRED, hint })
}
