// What the three completion scripts share: the tree flattened into per-path tables. Internal.
import { allCommands, type CompletionCommand, type CompletionOption } from './completion-tree.js'

/** One command path and what completes after it. */
export interface PathData {
  path: string
  /** Subcommands, with descriptions. */
  commands: Array<{ name: string; description: string }>
  /** Its own flags and the global ones, deduplicated. */
  options: CompletionOption[]
  argValues: readonly string[]
}

/** The tree as one row per command path. */
export function pathData(tree: CompletionCommand): PathData[] {
  return allCommands(tree).map((command) => {
    const own = command.path === '' ? command.options : [...command.options, ...tree.options.filter((o) => o.long !== '--version')]
    const seen = new Set<string>()
    const options = own.filter((o) => !seen.has(o.long) && seen.add(o.long))
    return { path: command.path, commands: command.commands.map((c) => ({ name: c.name, description: c.description })), options, argValues: command.argValues }
  })
}

/** `'text'` in single quotes for sh-like shells (bash, zsh, fish). */
export function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** fish: single quotes, where only `\\` and `\'` are escapes. */
export function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** A flag's words: `--help -h`. */
export function flagWords(option: CompletionOption): string[] {
  return option.short === undefined ? [option.long] : [option.long, option.short]
}

/**
 * `_values` / `__authcli_values` cases: `path|--flag` → `@file`, `@text`, or the values
 * separated by spaces. Flags without a value are left out (the default case answers empty).
 */
export function valueCases(rows: readonly PathData[], root: readonly CompletionOption[]): Array<{ pattern: string[]; reply: string }> {
  const cases: Array<{ pattern: string[]; reply: string }> = []
  const globals = root.filter((o) => o.value !== 'none')
  for (const option of globals) cases.push({ pattern: flagWords(option).map((flag) => `*|${flag}`), reply: replyOf(option) })
  for (const row of rows) {
    if (row.path === '') continue
    for (const option of row.options) {
      if (option.value === 'none' || globals.some((g) => g.long === option.long)) continue
      cases.push({ pattern: flagWords(option).map((flag) => `${row.path}|${flag}`), reply: replyOf(option) })
    }
  }
  return cases
}

function replyOf(option: CompletionOption): string {
  return option.value === 'file' ? '@file' : option.value === 'text' ? '@text' : Array.isArray(option.value) ? option.value.join(' ') : ''
}
