import { resolve, join, basename } from 'node:path'
import type { Logger } from '@auth/core'
import { checkLogger, checkMs, checkNow, checkOptions, checkPath } from './_check.js'
import { invalid } from './_errors.js'

/** {@link FileStoreOptions}, checked and with defaults. Internal. */
export interface FileStoreSettings {
  path: string
  lockTimeoutMs: number
  logger: Logger
  now: () => number
}

const WHERE = 'createFileStore'

export function checkFileStoreOptions(options: unknown): FileStoreSettings {
  if (options === undefined) invalid(WHERE, '"options" with "dir" is required')
  const o = checkOptions(options, WHERE)
  const dir = resolve(checkPath(o['dir'], WHERE, 'dir'))
  return {
    path: join(dir, checkFileName(o['fileName'])),
    lockTimeoutMs: checkMs(o['lockTimeoutMs'], 5_000, WHERE, 'lockTimeoutMs'),
    logger: checkLogger(o['logger'], WHERE),
    now: checkNow(o['now'], WHERE),
  }
}

function checkFileName(value: unknown): string {
  if (value === undefined) return 'credentials'
  const ok = typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && basename(value) === value && !/[\\/\0]/.test(value)
  if (!ok) invalid(WHERE, '"fileName" must be a plain file name without folder separators')
  return value as string
}
