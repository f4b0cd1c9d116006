import { Argument, type Command } from 'commander'
import { ConfigError, ErrorCode } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, Mount, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { bashCompletion } from '../completion/bash-completion.js'
import { completionTree } from '../completion/completion-tree.js'
import { fishCompletion } from '../completion/fish-completion.js'
import { zshCompletion } from '../completion/zsh-completion.js'

/** The shells `completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const

/** `completion bash|zsh|fish`. */
export interface CompletionOptions {
  shell: (typeof SHELLS)[number]
}

/**
 * `completion SHELL`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for another shell.
 * @example `parseCompletionOptions({ args: ['zsh'], ... })` is `{ shell: 'zsh' }`
 */
export function parseCompletionOptions({ args }: ParseInput): CompletionOptions {
  const shell = args[0]
  if (typeof shell !== 'string' || !(SHELLS as readonly string[]).includes(shell)) {
    throw new ConfigError(`unknown shell "${String(shell).slice(0, 20)}"`, { code: ErrorCode.USAGE_ERROR, hint: `choose one of ${SHELLS.join(', ')}` })
  }
  return { shell: shell as CompletionOptions['shell'] }
}

/**
 * The completion script for `options.shell`, generated from the program's command tree, so it
 * always matches the commands and flags of this build.
 * @example `(await completionCommand(program).run({ shell: 'bash' }, ctx)).startsWith('# bash completion')`
 */
export function completionScript(program: Command, shell: CompletionOptions['shell']): string {
  const tree = completionTree(program)
  if (shell === 'zsh') return zshCompletion(tree, CLI_NAME)
  if (shell === 'fish') return fishCompletion(tree, CLI_NAME)
  return bashCompletion(tree, CLI_NAME)
}

/**
 * `completion bash|zsh|fish` for `program`: the script on stdout. It reads no config file, so it
 * works while the config is broken.
 */
export function completionCommand(program: Command): CommandSpec<CompletionOptions, string> {
  return {
    id: 'completion',
    needsConfig: false,
    parse: parseCompletionOptions,
    run: async (options: CompletionOptions, _ctx: CliContext) => completionScript(program, options.shell),
    render: (script, ctx) => ctx.out.write(script),
  }
}

/** Adds `completion bash|zsh|fish`. */
export function registerCompletionCommand(program: Command, mount: Mount): void {
  mount(
    program
      .command('completion')
      .description('print a shell completion script (bash, zsh or fish)')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
      .addHelpText('after', completionHelp),
    completionCommand(program),
  )
}

const completionHelp = `
Load it in this shell, or install it for every new one:
  $ source <(${CLI_NAME} completion bash)
  $ ${CLI_NAME} completion bash > ~/.local/share/bash-completion/completions/${CLI_NAME}
  $ source <(${CLI_NAME} completion zsh)             # after compinit
  $ ${CLI_NAME} completion zsh > "\${fpath[1]}/_${CLI_NAME}"
  $ ${CLI_NAME} completion fish | source
  $ ${CLI_NAME} completion fish > ~/.config/fish/completions/${CLI_NAME}.fish`
