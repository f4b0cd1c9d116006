import { readFile } from 'node:fs/promises'
import { assertNonEmptyString } from './_assert.js'
import type { AuthConfig } from './config-types.js'
import { ConfigError } from './errors.js'
import { parseConfig } from './parse-config.js'

/**
 * Reads and parses the config file. A missing file is an empty config (`{ profiles: {} }`).
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the file cannot be read (the message names
 * the path and the system error code) or does not parse (see {@link parseConfig}).
 * @example
 * ```ts
 * const config = await loadConfig(resolveConfigLocation({}).file)
 * ```
 * @see {@link resolveConfigLocation} for the path, {@link saveConfig} to write it back.
 */
export async function loadConfig(file: string): Promise<AuthConfig> {
  assertNonEmptyString(file, 'loadConfig', 'file')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ENOENT') return { profiles: {} }
    throw new ConfigError(`cannot read the config file ${file}${typeof code === 'string' ? ` (${code})` : ''}`, {
      hint: 'check the file permissions, or point --config at another file',
      cause: error,
    })
  }
  return parseConfig(text, file)
}
