import { basename, join, resolve } from 'node:path'
import { silentLogger, type Logger } from '@auth/core'
import { invalid } from './_errors.js'
import { toKeySource, type KeySource } from './_key-source.js'

/** {@link EncryptedStoreOptions}, checked, with defaults. `source` changes on rotateKey. Internal. */
export interface EncryptedStoreSettings {
  path: string
  source: KeySource
  lockTimeoutMs: number
  logger: Logger
  now: () => number
}

const WHERE = 'createEncryptedStore'

export function checkEncryptedStoreOptions(options: unknown): EncryptedStoreSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) invalid(WHERE, '"options" with "dir" and "key" is required')
  const o = options as Record<string, unknown>
  const dir = o['dir']
  if (typeof dir !== 'string' || dir.trim() === '' || dir.includes('\0')) invalid(WHERE, '"dir" must be a non-empty path')
  const lockTimeoutMs = o['lockTimeoutMs'] ?? 5_000
  if (typeof lockTimeoutMs !== 'number' || !Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) invalid(WHERE, '"lockTimeoutMs" must be a finite number >= 0')
  return {
    path: join(resolve(dir), checkFileName(o['fileName'])),
    source: toKeySource(o['key'], WHERE, 'key', join(resolve(dir), checkFileName(o['fileName'])), lockTimeoutMs),
    lockTimeoutMs,
    logger: checkLogger(o['logger']),
    now: checkNow(o['now']),
  }
}

function checkFileName(value: unknown): string {
  if (value === undefined) return 'credentials.enc'
  const ok = typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && basename(value) === value && !/[\\/\0]/.test(value)
  if (!ok) invalid(WHERE, '"fileName" must be a plain file name without folder separators')
  return value as string
}

function checkLogger(value: unknown): Logger {
  if (value === undefined) return silentLogger
  const ok = typeof value === 'object' && value !== null && ['debug', 'info', 'warn', 'error'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  if (!ok) invalid(WHERE, '"logger" must have debug, info, warn and error methods')
  return value as Logger
}

function checkNow(value: unknown): () => number {
  if (value === undefined) return Date.now
  if (typeof value !== 'function') invalid(WHERE, '"now" must be a function returning epoch ms')
  return value as () => number
}
