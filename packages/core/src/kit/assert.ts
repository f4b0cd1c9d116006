/**
 * Internal argument checks shared by every public function. Each throws a `ConfigError`
 * (exit 2) whose message names the package, the function and the option, never its value.
 */
import { invalidOption } from './invalid-option.js'

/** Throws a ConfigError `@auth/core: <where>: <what>`. */
export function invalid(where: string, what: string, hint?: string): never {
  return invalidOption('@auth/core', where, what, hint)
}

/** `value` is a plain (non-null, non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function assertRecord(value: unknown, where: string, name: string): asserts value is Record<string, unknown> {
  if (!isRecord(value)) invalid(where, `"${name}" must be an object`)
}

export function assertNonEmptyString(value: unknown, where: string, name: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') invalid(where, `"${name}" must be a non-empty string`)
}

export function assertFunction(value: unknown, where: string, name: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') invalid(where, `"${name}" must be a function`)
}

export function assertOptionalFunction(value: unknown, where: string, name: string): void {
  if (value !== undefined) assertFunction(value, where, name)
}

export function assertOptionalBoolean(value: unknown, where: string, name: string): void {
  if (value !== undefined && typeof value !== 'boolean') invalid(where, `"${name}" must be a boolean`)
}

/** A finite number >= 0, or undefined. Returns the value or `fallback`. */
export function nonNegative(value: unknown, fallback: number, where: string, name: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(where, `"${name}" must be a finite number >= 0`)
  }
  return value
}

/** Resolves the injectable clock: `options.now` or `Date.now`. */
export function clock(now: unknown, where: string): () => number {
  assertOptionalFunction(now, where, 'now')
  return (now as (() => number) | undefined) ?? Date.now
}

/** An own enumerable property, never one from the prototype (`toString`, `__proto__`). */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}
