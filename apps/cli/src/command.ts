import type { Command } from 'commander'
import { ConfigError, ErrorCode } from '@auth/core'
import type { CliContext } from './context.js'
import type { GlobalOptions } from './global-options.js'

/** What a command's `parse` gets from commander. */
export interface ParseInput {
  /** The positional arguments, in declaration order (a variadic one is an array). */
  readonly args: readonly unknown[]
  /** The command's own option values (`cmd.opts()`). */
  readonly opts: Readonly<Record<string, unknown>>
  /** The global flags, already checked. */
  readonly globals: GlobalOptions
}

/**
 * One command, in three testable parts: `parse` (flags to an options object, pure, throws a
 * `USAGE_ERROR`), `run` (calls the library, returns data, prints nothing to stdout) and
 * `render` (data to stdout, `--json` aware).
 */
export interface CommandSpec<O, R> {
  /** The command path without the CLI name, e.g. `config get`. */
  readonly id: string
  /** `false`: run without reading the config file (`ctx.config` is empty), so a broken one cannot stop it. */
  readonly needsConfig?: boolean
  parse(input: ParseInput): O
  run(options: O, ctx: CliContext): Promise<R>
  render(result: R, ctx: CliContext): void
  /** The exit code of a run that succeeded as a protocol says, without an error to show (a credential helper's "not found": 1); default 0. */
  exitCode?(result: R): number
}

/** Attaches a {@link CommandSpec} as the action of a commander command. */
export type Mount = <O, R>(command: Command, spec: CommandSpec<O, R>) => Command

/** What a command run was parsed into; given to the `intercept` test hook instead of running. */
export interface Invocation {
  readonly id: string
  readonly options: unknown
  readonly globals: GlobalOptions
}

/**
 * Adds a command group (`config`, `profiles`, ...): bare, it prints its help (exit 0); with an
 * unknown subcommand it fails with `USAGE_ERROR` and a did-you-mean hint.
 * Children must be mounted with `allowExcessArguments(false)` (the {@link Mount} does it).
 */
export function addGroup(parent: Command, name: string, description: string): Command {
  const group = parent.command(name).description(description)
  return configureGroup(group)
}

/** Makes `command` behave as a group: help when bare, a usage error for an unknown subcommand. */
export function configureGroup(command: Command): Command {
  return command.allowExcessArguments(true).action((_opts: unknown, self: Command) => {
    const [unknown] = self.args
    if (unknown === undefined) self.help()
    const names = self.commands.map((c) => c.name()).filter((n) => n !== 'help')
    const guess = closest(unknown, names)
    throw new ConfigError(`unknown command '${unknown}' for '${commandPath(self)}'`, {
      code: ErrorCode.USAGE_ERROR,
      hint: guess ? `did you mean '${commandPath(self)} ${guess}'?` : `available commands: ${names.join(', ')}`,
    })
  })
}

/** `authcli config get` for the `get` command. */
export function commandPath(command: Command): string {
  const names: string[] = []
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

/**
 * The deepest command `argv` names (skipping options and their values), for error hints
 * such as "run 'authcli config get --help'".
 * @example `findCommand(program, ['config', 'get', '--json'])` is the `get` command.
 */
export function findCommand(root: Command, argv: readonly string[]): Command {
  let current = root
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') break
    if (arg.startsWith('-')) {
      if (arg.includes('=')) continue
      const option = findOption(current, arg)
      if (option?.required) i++
      continue
    }
    const sub = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg))
    if (!sub) break
    current = sub
  }
  return current
}

function findOption(command: Command, flag: string) {
  for (let c: Command | null = command; c; c = c.parent) {
    const option = c.options.find((o) => o.long === flag || o.short === flag)
    if (option) return option
  }
  return undefined
}

/** The candidate within edit distance 2 of `name` (or starting with it), if any. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of candidates) {
    const d = name.length >= 3 && candidate.startsWith(name) ? 1 : distance(name, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
