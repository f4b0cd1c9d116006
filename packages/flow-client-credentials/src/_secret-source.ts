import { basename } from 'node:path'
import { invalidOption, isRecord } from '@auth/core/kit'
import type { SecretSource } from './types.js'

const KEYS = ['env', 'file', 'privateKeyFile', 'value', 'command'] as const
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * Checks the shape of a {@link SecretSource} (never its secret): exactly one of `env`, `file`,
 * `privateKeyFile`, `value`, `command`; a valid variable name; a path without control characters;
 * a command as a non-empty argv array of strings without NUL, and a timeout of 1 ms to 10 min. Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2)
 */
export function checkSecretSource(source: unknown, where: string): SecretSource {
  function invalid(what: string): never {
    return invalidOption('@auth/flow-client-credentials', where, what)
  }
  if (!isRecord(source)) invalid('"secret" must be an object: { env }, { file }, { privateKeyFile }, { value, label } or { command }')
  const present = KEYS.filter((key) => source[key] !== undefined)
  if (present.length !== 1) invalid(`"secret" must have exactly one of ${KEYS.join(', ')}`)
  const key = present[0] as (typeof KEYS)[number]
  if (key === 'command') return checkCommand(source, invalid)
  const text = source[key]
  if (typeof text !== 'string') invalid(`"secret.${key}" must be a string`)
  // An empty value is the secret's problem (exit 4, at use); an empty name or path is the config's.
  if (key !== 'value' && text.trim() === '') invalid(`"secret.${key}" must be a non-empty string`)
  if (key === 'env' && !ENV_NAME.test(text)) invalid('"secret.env" must be an environment variable name')
  if ((key === 'file' || key === 'privateKeyFile') && CONTROL.test(text)) invalid(`"secret.${key}" must be a path without control characters`)
  if (key === 'value' && (typeof source['label'] !== 'string' || source['label'].trim() === '')) invalid('"secret.label" must name where the value came from')
  if (key === 'privateKeyFile' && source['kid'] !== undefined && (typeof source['kid'] !== 'string' || source['kid'] === '')) invalid('"secret.kid" must be a non-empty string')
  return source as SecretSource
}

function checkCommand(source: Record<string, unknown>, invalid: (what: string) => never): SecretSource {
  const { command, timeoutMs } = source
  if (!Array.isArray(command) || command.length === 0) invalid('"secret.command" must be a non-empty array: the program, then its arguments (no shell)')
  if (!command.every((part) => typeof part === 'string' && !part.includes('\u0000'))) invalid('"secret.command" must hold strings without NUL characters')
  if ((command[0] as string).trim() === '') invalid('"secret.command[0]" must name the program')
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000)) {
    invalid('"secret.timeoutMs" must be an integer from 1 to 600000 (ms)')
  }
  return source as SecretSource
}

/** Names a source for messages: `the environment variable X`, `the file P`, `the private key file P`, `the output of the command P`, the label. Internal. */
export function describeSource(source: SecretSource): string {
  if ('command' in source) return `the output of the command ${basename(source.command[0] as string)}`
  if ('env' in source) return `the environment variable ${source.env}`
  if ('file' in source) return `the file ${source.file}`
  if ('privateKeyFile' in source) return `the private key file ${source.privateKeyFile}`
  return source.label
}
