import type { Argument, Command, Option } from 'commander'

/** What a flag takes: nothing, a file, free text, or one of fixed values. */
export type CompletionValue = 'none' | 'file' | 'text' | readonly string[]

/** One flag, as shells complete it. */
export interface CompletionOption {
  /** `--host`. */
  long: string
  /** `-h`, when there is one. */
  short?: string
  description: string
  /** What follows the flag. A flag with an optional value (`--with-token [token]`) counts as `none`. */
  value: CompletionValue
}

/** One command of the tree, as shells complete it. */
export interface CompletionCommand {
  /** The command path without the CLI name: `''` for the root, `auth login`. */
  path: string
  name: string
  description: string
  commands: CompletionCommand[]
  /** The command's own visible flags (the root's are the global ones, valid everywhere). */
  options: CompletionOption[]
  /** Fixed values of its first positional argument (`completion bash|zsh|fish`, `help COMMAND`). */
  argValues: readonly string[]
}

/** Values of flags that commander does not know as choices. */
const KNOWN_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--store': ['auto', 'keychain', 'file', 'encrypted', 'memory'],
}

/**
 * The visible command tree of a commander program (hidden flags and commands left out), for
 * generating shell completion scripts. Values come from commander `.choices()`, a small table
 * (`--store`), or the flag's argument name (`<file>`, `<path>`: files).
 * @example `completionTree(program).commands.map((c) => c.name)` is `['auth', 'config', ...]`
 */
export function completionTree(command: Command, parentPath = ''): CompletionCommand {
  const help = command.createHelp()
  const path = command.parent ? `${parentPath}${parentPath ? ' ' : ''}${command.name()}` : ''
  const commands = help.visibleCommands(command)
  const children = commands.filter((c) => c.name() !== 'help').map((c) => completionTree(c, path))
  const helpCommand = commands.find((c) => c.name() === 'help')
  if (helpCommand) {
    children.push({ path: `${path}${path ? ' ' : ''}help`, name: 'help', description: helpCommand.description(), commands: [], options: [], argValues: children.map((c) => c.name) })
  }
  return {
    path,
    name: command.name(),
    description: command.description(),
    commands: children,
    options: help.visibleOptions(command).map(toOption),
    argValues: argValues(command.registeredArguments[0]),
  }
}

function toOption(option: Option): CompletionOption {
  const long = option.long ?? option.short ?? option.flags
  return {
    long,
    ...(option.short !== undefined && option.long !== undefined && { short: option.short }),
    description: option.description,
    value: completionValueOf(option, long),
  }
}

function completionValueOf(option: Option, long: string): CompletionValue {
  if (!option.required) return 'none'
  if (option.argChoices) return option.argChoices
  const known = KNOWN_VALUES[long]
  if (known) return known
  return /<[^>]*(file|path)[^>]*>/i.test(option.flags) ? 'file' : 'text'
}

function argValues(argument: Argument | undefined): readonly string[] {
  return argument?.argChoices ?? []
}

/**
 * Every command of the tree, the root first, depth first.
 * @example `allCommands(tree).map((c) => c.path)` is `['', 'auth', 'auth login', ...]`
 */
export function allCommands(tree: CompletionCommand): CompletionCommand[] {
  return [tree, ...tree.commands.flatMap(allCommands)]
}
