import { basename, join, resolve } from 'node:path'
import { silentLogger, type Logger } from '@auth/core'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import type { FileStoreOptions } from './types.js'

/** The package that speaks in every message (core's `fsError`, `storageError` and `optionChecker` take it). Internal. */
export const PKG = '@auth/store-file'

/** {@link FileStoreOptions}, checked and with defaults. Internal. */
export interface Settings {
  path: string
  lockTimeoutMs: number
  logger: Logger
  now: () => number
}

/**
 * Checks the options of {@link createFileStore} at once, so a mistake shows before any file is touched.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the option.
 */
export function resolveOptions(options: FileStoreOptions): Settings {
  const check: OptionChecker = optionChecker(PKG, 'createFileStore')
  check.record(options, 'options')
  const dir = resolve(checkPath(check, options.dir, 'dir'))
  return {
    path: join(dir, checkFileName(check, options.fileName, 'credentials')),
    lockTimeoutMs: check.durationMs(options.lockTimeoutMs, 'lockTimeoutMs', { min: 0 }, 5_000),
    logger: check.logger(options.logger) ?? silentLogger,
    now: check.optionalFunction(options.now, 'now') ?? Date.now,
  }
}

/** A non-empty path string without NUL bytes. Internal (the encrypted store checks its own `dir` the same way). */
export function checkPath(check: OptionChecker, value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0')) check.fail(name, 'must be a non-empty path')
  return value as string
}

/** A plain file name inside the folder (no separators, not `.` or `..`); `fallback` when undefined. Internal. */
export function checkFileName(check: OptionChecker, value: unknown, fallback: string): string {
  if (value === undefined) return fallback
  const ok = typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && basename(value) === value && !/[\\/\0]/.test(value)
  if (!ok) check.fail('fileName', 'must be a plain file name without folder separators')
  return value as string
}
