import { dirname, resolve } from 'node:path'
import { assertNonEmptyString } from '../kit/assert.js'
import { sweepTempFiles } from '../fs/temp-files.js'
import { writeFileAtomic } from '../fs/write-file-atomic.js'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { assertTrustedConfigFolder } from './load.js'
import { serializeConfig } from './serialize.js'

/**
 * Writes the config file atomically: a temp file (mode 0600) in the same directory, written,
 * fsynced and renamed over the file, then the directory fsynced. The directory is created
 * with mode 0700 when missing; the file ends with mode 0600. An existing directory that another
 * user could change is refused, as {@link loadConfig} refuses it. Temp files that killed writers
 * left beside the file (`.config.toml.<pid>.*.tmp`, their process gone, older than 10 s) are removed.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on an invalid config (see {@link serializeConfig}),
 * a directory writable by group or others or owned by another user (hint: the `chmod`/`chown` fix),
 * or when the file cannot be written (the message names the path and the system error code).
 * @example
 * ```ts
 * const { file } = resolveConfigLocation({})
 * await saveConfig(file, setConfigValue(await loadConfig(file), 'host', 'example.com', { profile: 'work' }))
 * ```
 * @see {@link loadConfig}
 */
export async function saveConfig(file: string, config: AuthConfig): Promise<void> {
  assertNonEmptyString(file, 'saveConfig', 'file')
  const text = serializeConfig(config)
  await assertTrustedConfigFolder(dirname(resolve(file)))
  try {
    await writeFileAtomic(file, text)
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    throw new ConfigError(`cannot write the config file ${file}${typeof code === 'string' ? ` (${code})` : ''}`, {
      hint: 'check that the directory exists and is writable, or point --config elsewhere',
      cause: error,
    })
  }
  // Temp files a killed writer left beside the file (dead pid, older than 10 s): nobody else removes them.
  await sweepTempFiles(resolve(file))
}
