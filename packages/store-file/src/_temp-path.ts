import { basename, dirname, join } from 'node:path'

// Temp names need only be unique, not secret: pid + time + a per-process counter, opened with
// `wx` so a clash fails instead of clobbering. (No node:crypto: it costs start-up time.)
let counter = 0

/**
 * A temp file name beside `file`: `.<name>.<pid>.<unique>.tmp`. The pid lets a later lock
 * holder remove temps left by a killed process (see `_sweep-temp-files.ts`). Internal.
 */
export function tempPath(file: string): string {
  const unique = `${Date.now().toString(36)}${(counter++).toString(36)}`
  return join(dirname(file), `.${basename(file)}.${process.pid}.${unique}.tmp`)
}

/** The pattern of {@link tempPath} names for `file`, its lock and break lock; group 1 is the pid. */
export function tempPattern(file: string): RegExp {
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^\\.${name}(?:\\.lock(?:\\.break)?)?\\.(\\d+)\\.[0-9a-z]+\\.tmp$`)
}
