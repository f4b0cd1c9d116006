/** ANSI styling that is either on or off; when off every function returns its input. */
export interface Colors {
  readonly enabled: boolean
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

/** What the colour decision depends on. */
export interface ColorDecisionInput {
  /** Whether the stream is a terminal. */
  isTTY: boolean | undefined
  /** The environment (`NO_COLOR`, `TERM`). */
  env: Readonly<Record<string, string | undefined>>
  /** `false` with `--no-color`. */
  color: boolean
}

/**
 * Colour only on a terminal, never with `--no-color`, a non-empty `NO_COLOR` or `TERM=dumb`.
 * @see https://no-color.org
 * @example `shouldUseColor({ isTTY: process.stderr.isTTY, env: process.env, color: true })`
 */
export function shouldUseColor({ isTTY, env, color }: ColorDecisionInput): boolean {
  if (!color || !isTTY) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return env.TERM !== 'dumb'
}

/**
 * The colour helper for one stream.
 * @example `createColors(true).red('error')` is `'\x1b[31merror\x1b[39m'`
 */
export function createColors(enabled: boolean): Colors {
  const sgr = (open: number, close: number) => (enabled ? (text: string) => `\x1b[${open}m${text}\x1b[${close}m` : (text: string) => text)
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  }
}
