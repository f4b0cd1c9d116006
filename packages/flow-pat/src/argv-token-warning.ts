/**
 * What `login` says (through `ctx.output.warn`) when the token came as a command-line argument
 * (a `ctx.input.source` that is an option, starting with `-`). Exported so a CLI can print the same words elsewhere.
 *
 * @example
 * ```ts
 * if (tokenFromArgv) process.stderr.write(`warning: ${ARGV_TOKEN_WARNING}\n`)
 * ```
 * @throws Never (a constant).
 */
export const ARGV_TOKEN_WARNING = 'a token passed as an argument is visible to other users of this machine (ps) and lands in your shell history; prefer reading it from stdin'
