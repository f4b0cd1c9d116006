import { registerSecret, type HintKeyValue } from '@auth/core'
import { readSecretFile } from './_read-secret-file.js'
import { DEFAULT_COMMAND_TIMEOUT_MS, runSecretCommand } from './_run-secret-command.js'
import { checkSecretSource, describeSource } from './_secret-source.js'
import { unusable } from './_unusable.js'
import type { ResolveClientSecretOptions, SecretSource } from './types.js'

// With the parentheses: `resolveClientSecret: "secret" ...` reads as a secret-ish key and value to redact().
const WHERE = 'resolveClientSecret()'

/**
 * Reads the client secret (or the PEM text of the private key) from its source, now: the
 * environment variable, the file (refused unless only its owner can access it), the value, or
 * what a secrets manager's command prints (run without a shell, with a timeout).
 * Surrounding whitespace is trimmed. The secret is registered with `registerSecret` at once,
 * so no later log line or error message can show it; messages name the source, never the secret.
 *
 * @returns The secret; for `{ privateKeyFile }`, the PEM text.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) naming the variable or file expected:
 * the variable is unset or empty; the file is missing, unreadable, not a regular file, accessible
 * by group or others (hint `chmod 600 PATH`), empty, or holds more than one line (a secret); the
 * command is missing, fails (its stderr sanitised), times out or prints too much.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a malformed `source`.
 * @example
 * ```ts
 * const secret = await resolveClientSecret({ env: 'MYCLI_CLIENT_SECRET' })
 * const fromFile = await resolveClientSecret({ file: '/run/secrets/mycli' })
 * const fromVault = await resolveClientSecret({ command: ['vault', 'kv', 'get', '-field=secret', 'secret/mycli'] })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export async function resolveClientSecret(source: SecretSource, options: ResolveClientSecretOptions = {}): Promise<string> {
  const checked = checkSecretSource(source, WHERE)
  const named = describeSource(checked)
  const raw = await readRaw(checked, options?.env ?? process.env)
  const secret = raw.trim()
  if (secret === '') throw unusable(`the client secret in ${named} is empty`, hintFor(checked))
  if ('privateKeyFile' in checked) {
    for (const line of secret.split(/\r?\n/)) if (!line.startsWith('-----')) registerSecret(line)
    return secret
  }
  registerSecret(secret)
  if (/[\r\n]/.test(secret)) throw unusable(`the client secret in ${named} holds more than one line`, 'keep the secret alone, on one line')
  return secret
}

async function readRaw(source: SecretSource, env: Record<string, string | undefined>): Promise<string> {
  if ('env' in source) {
    const value = env[source.env]
    if (value === undefined)
      throw unusable(`the client secret is expected in the environment variable ${source.env}, which is not set`, hintFor(source), 'client-secret-missing' satisfies HintKeyValue)
    return value
  }
  if ('file' in source) return readSecretFile(source.file, 'the client secret file')
  if ('privateKeyFile' in source) return readSecretFile(source.privateKeyFile, 'the private key file')
  if ('command' in source) return runSecretCommand(source.command, source.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, env)
  return source.value
}

function hintFor(source: SecretSource): string {
  if ('env' in source) return `export ${source.env}=<secret>, or read the secret from a file (the { file } secret source)`
  if ('file' in source) return `write the secret alone into ${source.file} (chmod 600)`
  if ('privateKeyFile' in source) return `write the PEM private key into ${source.privateKeyFile} (chmod 600)`
  if ('command' in source) return 'make the command print the secret (run it yourself to check)'
  return 'provide the client secret'
}
