import { parse, TomlError } from 'smol-toml'
import { isRecord } from '../kit/assert.js'
import { validateConfigDocument } from './validate-document.js'
import { findTomlLine, readDottedKey } from './toml-line.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import { escapeUnprintable, hasUnprintable } from '../kit/sanitize-text.js'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'

/**
 * Parses the TOML config file: `active_profile` and `[profiles.NAME]` tables with the keys of
 * {@link CONFIG_KEYS} (snake_case in the file, camelCase in the result). Hosts come back
 * normalised. A profile name with a dot must be quoted: `[profiles."eu.prod"]`.
 *
 * @param text - The file's content.
 * @param file - The file's path, for messages.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the file, the line and the key: on a TOML
 * syntax error, an unknown key (a secret such as `client_secret` gets a hint to use
 * `client_secret_env` or `client_secret_file`), a wrong type, a bad `flow`/`store` value, a bad
 * profile name or a bad URL. Messages never repeat the value of an unknown key.
 * @example
 * ```ts
 * const config = parseConfig('active_profile = "work"\n[profiles.work]\nhost = "example.com"\n', 'config.toml')
 * config.profiles.work?.host // 'https://example.com'
 * ```
 * @see https://toml.io/en/v1.0.0
 */
export function parseConfig(text: string, file: string): AuthConfig {
  const where = typeof file === 'string' && file !== '' ? file : 'config'
  if (typeof text !== 'string') throw new ConfigError(`${where}: the config must be text`)
  const source = text.replace(/^\uFEFF/, '')
  let document: Record<string, unknown>
  try {
    document = parse(source, { unsafeKeyBehaviour: 'throw' })
  } catch (error) {
    throw syntaxError(error, source, where)
  }
  return validateConfigDocument(document, (path, problem, hint) => {
    const line = findTomlLine(source, path)
    throw new ConfigError(`${where}${line === undefined ? '' : `:${line}`}: ${path.map(keyLabel).join('.')}: ${problem}`, {
      ...(hint !== undefined && { hint }),
    })
  })
}

/** A key of the path as the message shows it: as written, or quoted with `\uXXXX` escapes when it holds a control, format or bidi character. */
function keyLabel(part: string): string {
  if (!hasUnprintable(part)) return part
  const shown = part.length > 60 ? `${part.slice(0, 59)}…` : part
  return `"${escapeUnprintable(shown.replace(/["\\]/g, '\\$&'))}"`
}

function syntaxError(error: unknown, text: string, where: string): ConfigError {
  if (!(error instanceof TomlError) && !(isRecord(error) && typeof error['line'] === 'number')) {
    return new ConfigError(`${where}: cannot parse the config`, { cause: error })
  }
  const { line, column, message } = error as TomlError
  const reason = sanitizeText(
    String(message)
      .split('\n')[0]
      ?.replace(/^Invalid TOML document:\s*/i, '') ?? '',
    120,
  )
  const key = readDottedKey(text.split(/\r\n|\n/)[line - 1]?.trim() ?? '')
  const named = key?.rest.startsWith('=') ? ` (key ${key.parts.map(keyLabel).join('.')})` : ''
  return new ConfigError(`${where}:${line}:${column}: invalid TOML${named}: ${reason}`, {
    hint: 'check the syntax: strings need double quotes (flow = "pkce"), arrays brackets (scopes = ["openid"])',
  })
}
