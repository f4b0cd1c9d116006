/** The shape of `@auth/core`'s Logger, without depending on core. */
export interface RawLogger {
  lines: string[]
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** A logger that keeps every line as given: nothing is masked, so a secret passed to it shows. */
export function rawLogger(): RawLogger {
  const lines: string[] = []
  const keep = (level: string) => (message: string) => void lines.push(`${level}: ${message}`)
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') }
}
