import { silentLogger, type Logger } from '@auth/core'
import { invalid } from './_errors.js'

/** Internal argument checks. Each throws a ConfigError naming the function and the option. */

/** A non-empty path string without NUL bytes. */
export function checkPath(value: unknown, where: string, name = 'path'): string {
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0')) {
    invalid(where, `"${name}" must be a non-empty path`)
  }
  return value
}

/** A finite number >= 0, or the fallback when undefined. */
export function checkMs(value: unknown, fallback: number, where: string, name: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(where, `"${name}" must be a finite number >= 0`)
  }
  return value
}

/** The injectable clock, or `Date.now`. */
export function checkNow(value: unknown, where: string): () => number {
  if (value === undefined) return Date.now
  if (typeof value !== 'function') invalid(where, '"now" must be a function returning epoch ms')
  return value as () => number
}

/** A Logger (an object with debug/info/warn/error), or the silent one. */
export function checkLogger(value: unknown, where: string): Logger {
  if (value === undefined) return silentLogger
  const ok = typeof value === 'object' && value !== null && ['debug', 'info', 'warn', 'error'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  if (!ok) invalid(where, '"logger" must have debug, info, warn and error methods')
  return value as Logger
}

/** An options argument: an object, or undefined for `{}`. */
export function checkOptions(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(where, '"options" must be an object')
  return value as Record<string, unknown>
}
