import { basename, join, resolve } from 'node:path'
import { silentLogger, type Logger } from '@auth/core'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import { PKG } from './errors.js'
import { toKeySource, type KeySource } from './key-source.js'
import type { EncryptedStoreOptions } from './types.js'

/** {@link EncryptedStoreOptions}, checked, with defaults. `source` changes on rotateKey. Internal. */
export interface Settings {
  path: string
  source: KeySource
  lockTimeoutMs: number
  logger: Logger
  now: () => number
}

const FACTORY = 'createEncryptedStore'

/**
 * Checks the options of {@link createEncryptedStore} at once, so a mistake shows before any file is touched.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the option, never a key.
 */
export function resolveOptions(options: EncryptedStoreOptions): Settings {
  const check: OptionChecker = optionChecker(PKG, FACTORY)
  check.record(options, 'options')
  const { dir } = options
  if (typeof dir !== 'string' || dir.trim() === '' || dir.includes('\0')) check.fail('dir', 'must be a non-empty path')
  const lockTimeoutMs = check.durationMs(options.lockTimeoutMs, 'lockTimeoutMs', { min: 0 }, 5_000)
  const path = join(resolve(dir), fileName(check, options.fileName))
  return {
    path,
    source: toKeySource(options.key, FACTORY, 'key', path, lockTimeoutMs),
    lockTimeoutMs,
    logger: check.logger(options.logger) ?? silentLogger,
    now: check.optionalFunction(options.now, 'now') ?? Date.now,
  }
}

function fileName(check: OptionChecker, value: unknown): string {
  if (value === undefined) return 'credentials.enc'
  const ok = typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && basename(value) === value && !/[\\/\0]/.test(value)
  if (!ok) check.fail('fileName', 'must be a plain file name without folder separators')
  return value as string
}
