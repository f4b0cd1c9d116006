import { invalidOption, isRecord } from '@auth/core/kit'
import type { SecretSource } from './types.js'

const KEYS = ['env', 'file', 'privateKeyFile', 'value'] as const
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * Checks the shape of a {@link SecretSource} (never its secret): exactly one of `env`, `file`,
 * `privateKeyFile`, `value`; a valid variable name; a path without control characters. Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2)
 */
export function checkSecretSource(source: unknown, where: string): SecretSource {
  function invalid(what: string): never {
    return invalidOption('@auth/flow-client-credentials', where, what)
  }
  if (!isRecord(source)) invalid('"secret" must be an object: { env }, { file }, { privateKeyFile } or { value, label }')
  const present = KEYS.filter((key) => source[key] !== undefined)
  if (present.length !== 1) invalid(`"secret" must have exactly one of ${KEYS.join(', ')}`)
  const key = present[0] as (typeof KEYS)[number]
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

/** Names a source for messages: `the environment variable X`, `the file P`, `the private key file P`, the label. Internal. */
export function describeSource(source: SecretSource): string {
  if ('env' in source) return `the environment variable ${source.env}`
  if ('file' in source) return `the file ${source.file}`
  if ('privateKeyFile' in source) return `the private key file ${source.privateKeyFile}`
  return source.label
}
