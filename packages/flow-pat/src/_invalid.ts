import { ConfigError } from '@auth/core'

/** Throws a ConfigError `@auth/flow-pat: <where>: <what>` (exit 2). Internal. */
export function invalid(where: string, what: string, hint?: string): never {
  throw new ConfigError(`@auth/flow-pat: ${where}: ${what}`, hint === undefined ? {} : { hint })
}

/** `value` is a plain (non-null, non-array) object. Internal. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
